# Peer: R fixest feols (OLS) or fepois (PPML) with two-way FE, clustered by id, 2 threads.
# Third argument: "ols" (default) or "ppml". Only run when library(fixest) loads.
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(fixest))
setFixest_nthreads(2)
a <- bench_args()
kind <- if (length(commandArgs(TRUE)) >= 3) commandArgs(TRUE)[[3]] else "ols"
t0 <- bench_elapsed(); d <- fread(a$csv); t1 <- bench_elapsed()
if (kind == "ppml") {
  m <- fepois(as.formula(paste(bench_formula(a$K, "ycount"), "| id + t")), data = d, cluster = ~id)
} else {
  m <- feols(as.formula(paste(bench_formula(a$K), "| id + t")), data = d, cluster = ~id)
}
s <- se(m)[["x1"]]
t2 <- bench_elapsed()
bench_emit(t1 - t0, t2 - t1, coef(m)[["x1"]], s, nobs(m), paste("fixest", packageVersion("fixest")))
