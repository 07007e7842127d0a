# Peer: estimatr lm_robust(fixed_effects = ~ id + t, clusters = id, se_type = "stata").
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(estimatr))
a <- bench_args()
t0 <- bench_elapsed(); d <- fread(a$csv); t1 <- bench_elapsed()
m <- lm_robust(as.formula(bench_formula(a$K)), data = d, fixed_effects = ~ id + t, clusters = id, se_type = "stata")
t2 <- bench_elapsed()
bench_emit(t1 - t0, t2 - t1, coef(m)[["x1"]], m$std.error[["x1"]], m$nobs, paste("estimatr", packageVersion("estimatr")))
