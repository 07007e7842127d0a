# Live R plm check of the baseline model choice on the real analysis sample (run by
# test/analysis/hausman-plm.test.ts when Rscript and the shared data are present; NOT run by
# `npm run references`: its input is derived from the data, so neither it nor the output is committed).
#   Rscript hausman-plm.R <sample.csv> <out.json> "<x1 + x2 + ...>" "<gravity terms>"
# sample.csv: the estimation sample of src/analysis runBaseline (iso3, year, ln_y, regressors, gravity).
#   fe   plm(ln_y ~ X + factor(year), model = "within", effect = "individual")
#   re   plm(same, model = "random", random.method = "swar")        (the Hausman pair: plm::phtest(fe, re))
#   re_table  plm(ln_y ~ X + gravity + factor(year), model = "random", random.method = "swar") (T5 "re")
suppressPackageStartupMessages({ library(plm); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
if (length(a) < 4 || a[[4]] == "") stop("usage: hausman-plm.R <sample.csv> <out.json> <regressors> <gravity> (both term lists non-empty)")
d <- read.csv(a[[1]], colClasses = c(iso3 = "character"))
d$year <- factor(d$year)
pd <- pdata.frame(d, index = c("iso3", "year"))
f <- as.formula(paste("ln_y ~", a[[3]], "+ year"))
fg <- as.formula(paste("ln_y ~", a[[3]], "+", a[[4]], "+ year"))
fe <- plm(f, data = pd, model = "within", effect = "individual")
re <- plm(f, data = pd, model = "random", effect = "individual", random.method = "swar")
rt <- plm(fg, data = pd, model = "random", effect = "individual", random.method = "swar")
h <- phtest(fe, re)
# theta per country (it depends on T_i only)
theta_by_id <- function(m) { th <- as.numeric(ercomp(m)$theta); ids <- as.character(index(m)[[1]]); if (length(th) == 1) th <- rep(th, length(ids)); tapply(th, ids, function(v) v[[1]]) }
coefs <- function(m) { b <- coef(m); names(b) <- sub("^year([0-9]+)$", "year::\\1", names(b)); as.list(b) }
out <- list(
  software = list(R = R.version.string, plm = as.character(packageVersion("plm"))),
  n = nrow(d),
  hausman = list(statistic = unname(h$statistic), df = unname(h$parameter), p = h$p.value),
  fe = coefs(fe),
  re = coefs(re),
  re_table = coefs(rt),
  re_table_sigma2 = as.list(ercomp(rt)$sigma2),
  re_table_theta = as.list(theta_by_id(rt))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), a[[2]])
