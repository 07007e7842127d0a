# Peer: data.table::fread of the benchmark CSV (read only; "fit" = the read).
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
a <- bench_args()
t0 <- bench_elapsed(); d <- fread(a$csv); t1 <- bench_elapsed()
bench_emit(t1 - t0, t1 - t0, NaN, NaN, nrow(d), paste("data.table", packageVersion("data.table"), getDTthreads(), "threads"))
