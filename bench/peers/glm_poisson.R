# Peer (small sizes): base R glm(family = poisson) with factor(id) + factor(t) dummies, and
# sandwich::vcovCL(cluster = ~id, type = "HC1") (G/(G-1)·(N-1)/(N-K), K counts every dummy).
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(sandwich))
a <- bench_args()
t0 <- bench_elapsed(); d <- fread(a$csv); t1 <- bench_elapsed()
m <- glm(as.formula(paste(bench_formula(a$K, "ycount"), "+ factor(id) + factor(t)")), data = d, family = poisson())
V <- vcovCL(m, cluster = ~id, type = "HC1")
t2 <- bench_elapsed()
bench_emit(t1 - t0, t2 - t1, coef(m)[["x1"]], sqrt(V["x1", "x1"]), nobs(m), "glm + sandwich vcovCL HC1")
