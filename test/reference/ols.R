# Reference values for pooled OLS (lm) and every variance estimator on it.
# Writes test/reference/ols.json. Run through `npm run references` (test/reference/generate.sh).
#
# Variance estimators (all k x k, written at full double precision):
#   iid           vcov(lm)                                         sigma^2 (X'X)^-1, sigma^2 = RSS/(N-K)
#   hc0..hc3      sandwich::vcovHC(lm, type = "HC0".."HC3")
#   cluster, ssc "stata"  sandwich::vcovCL(lm, cluster = ~g, type = "HC1", cadjust = TRUE)
#                 = CR0 * G/(G-1) * (N-1)/(N-K)  (K counts the intercept; no FE here)
#                 cross-checked against estimatr::lm_robust(se_type = "stata")
#   cluster, ssc "none"   sandwich::vcovCL(lm, cluster = ~g, type = "HC0", cadjust = FALSE)  (CR0)
#   two-way, ssc "conventional"  sandwich::vcovCL(lm, cluster = ~g1 + g2, type = "HC1", cadjust = TRUE)
#                 = (N-1)/(N-K) * [G1/(G1-1) CR0_1 + G2/(G2-1) CR0_2 - G12/(G12-1) CR0_12]
#   two-way, ssc "stata"  (N-1)/(N-K) * Gmin/(Gmin-1) * [CR0_1 + CR0_2 - CR0_12],  Gmin = min(G1, G2),
#                 computed here from the CR0 pieces returned by vcovCL(type = "HC0", cadjust = FALSE)
#   dk, ssc "none"  plm::vcovSCC(plm(..., model = "pooling"), type = "HC0", maxlag = L)
#                 (Driscoll-Kraay, Bartlett weights w_j = 1 - j/(L+1), no small-sample factor)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({
  library(plm); library(sandwich); library(lmtest); library(estimatr)
})

data("Grunfeld", package = "plm")
data("Produc", package = "plm")
data("PetersenCL", package = "sandwich")
Produc$lgsp <- log(Produc$gsp); Produc$lpcap <- log(Produc$pcap)
Produc$lpc <- log(Produc$pc); Produc$lemp <- log(Produc$emp)
Produc <- Produc[, c("state", "year", "region", "lgsp", "lpcap", "lpc", "lemp", "unemp")]
Produc$state <- as.character(Produc$state)
Produc$region <- as.character(Produc$region)
Grunfeld <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]

datasets <- list(
  Grunfeld = list(source = "R plm::Grunfeld", data = frame_json(Grunfeld)),
  Produc = list(source = "R plm::Produc; lgsp = log(gsp), lpcap = log(pcap), lpc = log(pc), lemp = log(emp)",
                data = frame_json(Produc)),
  PetersenCL = list(source = "R sandwich::PetersenCL", data = frame_json(PetersenCL))
)

cr0 <- function(m, cl) vcovCL(m, cluster = cl, type = "HC0", cadjust = FALSE)

ols_case <- function(id, dsname, df, formula, idvar, timevar, dk_lag) {
  f <- as.formula(formula)
  m <- lm(f, data = df)
  N <- nobs(m); K <- length(coef(m))
  s <- summary(m)
  fid <- as.formula(paste0("~", idvar)); ftime <- as.formula(paste0("~", timevar))
  G1 <- length(unique(df[[idvar]])); G2 <- length(unique(df[[timevar]]))
  adjK <- (N - 1) / (N - K)
  V1 <- cr0(m, fid); V2 <- cr0(m, ftime)
  V12 <- vcovCL(m, cluster = as.formula(paste0("~", idvar, "+", timevar)), type = "HC0", cadjust = FALSE, multi0 = FALSE)
  # V12 above is the CGM combination CR0_1 + CR0_2 - CR0_12 (no adjustment), so
  Gmin <- min(G1, G2)
  V2w_stata <- adjK * Gmin / (Gmin - 1) * V12
  ey <- estimatr::lm_robust(f, data = df, clusters = df[[idvar]], se_type = "stata")
  pm <- plm(f, data = df, index = c(idvar, timevar), model = "pooling")
  Vdk <- vcovSCC(pm, type = "HC0", maxlag = dk_lag)
  list(
    id = id, dataset = dsname, model = "ols", formula = formula,
    panel = list(id = idvar, time = timevar),
    reference = sprintf("R lm(%s, data = %s)", formula, dsname),
    coef = coef_json(coef(m)),
    stats = list(nobs = N, k = K, df_resid = df.residual(m), r2 = s$r.squared, adj_r2 = s$adj.r.squared,
                 sigma = s$sigma, rss = sum(residuals(m)^2),
                 fstat = unname(s$fstatistic["value"]), fdf1 = unname(s$fstatistic["numdf"]),
                 fdf2 = unname(s$fstatistic["dendf"]),
                 p_iid = as.list(s$coefficients[, 4])),
    vcov = list(
      list(label = "iid", spec = "iid", ssc = "stata", call = "vcov(lm)", value = vcov_json(vcov(m))),
      list(label = "hc0", spec = "hc0", ssc = "stata", call = "sandwich::vcovHC(m, type='HC0')", value = vcov_json(vcovHC(m, type = "HC0"))),
      list(label = "hc1", spec = "hc1", ssc = "stata", call = "sandwich::vcovHC(m, type='HC1')", value = vcov_json(vcovHC(m, type = "HC1"))),
      list(label = "hc2", spec = "hc2", ssc = "stata", call = "sandwich::vcovHC(m, type='HC2')", value = vcov_json(vcovHC(m, type = "HC2"))),
      list(label = "hc3", spec = "hc3", ssc = "stata", call = "sandwich::vcovHC(m, type='HC3')", value = vcov_json(vcovHC(m, type = "HC3"))),
      list(label = "cluster_id_stata", spec = list(cluster = I(idvar)), ssc = "stata",
           call = sprintf("sandwich::vcovCL(m, cluster = ~%s, type='HC1', cadjust=TRUE)", idvar),
           value = vcov_json(vcovCL(m, cluster = fid, type = "HC1", cadjust = TRUE), G = G1,
                             p = as.list(2 * pt(-abs(coef(m) / sqrt(diag(vcovCL(m, cluster = fid, type = "HC1", cadjust = TRUE)))), G1 - 1)))),
      list(label = "cluster_id_estimatr_stata", spec = list(cluster = I(idvar)), ssc = "stata",
           call = sprintf("estimatr::lm_robust(f, clusters = %s, se_type = 'stata')", idvar),
           value = vcov_json(ey$vcov)),
      list(label = "cluster_id_none", spec = list(cluster = I(idvar)), ssc = "none",
           call = sprintf("sandwich::vcovCL(m, cluster = ~%s, type='HC0', cadjust=FALSE)", idvar),
           value = vcov_json(V1)),
      list(label = "cluster_time_stata", spec = list(cluster = I(timevar)), ssc = "stata",
           call = sprintf("sandwich::vcovCL(m, cluster = ~%s, type='HC1', cadjust=TRUE)", timevar),
           value = vcov_json(vcovCL(m, cluster = ftime, type = "HC1", cadjust = TRUE), G = G2)),
      list(label = "cluster_twoway_conventional", spec = list(cluster = I(c(idvar, timevar))), ssc = "conventional",
           call = sprintf("sandwich::vcovCL(m, cluster = ~%s + %s, type='HC1', cadjust=TRUE)", idvar, timevar),
           value = vcov_json(vcovCL(m, cluster = as.formula(paste0("~", idvar, "+", timevar)), type = "HC1", cadjust = TRUE))),
      list(label = "cluster_twoway_stata", spec = list(cluster = I(c(idvar, timevar))), ssc = "stata",
           call = sprintf("(N-1)/(N-K) * Gmin/(Gmin-1) * sandwich::vcovCL(m, cluster = ~%s + %s, type='HC0', cadjust=FALSE)", idvar, timevar),
           value = vcov_json(V2w_stata, G1 = G1, G2 = G2)),
      list(label = "cluster_twoway_none", spec = list(cluster = I(c(idvar, timevar))), ssc = "none",
           call = sprintf("sandwich::vcovCL(m, cluster = ~%s + %s, type='HC0', cadjust=FALSE)", idvar, timevar),
           value = vcov_json(V12)),
      list(label = "dk_none", spec = list(dk = list(lag = dk_lag)), ssc = "none",
           call = sprintf("plm::vcovSCC(plm(f, index = c('%s','%s'), model='pooling'), type='HC0', maxlag=%d)", idvar, timevar, dk_lag),
           value = vcov_json(unclass(Vdk)[names(coef(m)), names(coef(m))]))
    )
  )
}

cases <- list(
  ols_case("grunfeld_ols", "Grunfeld", Grunfeld, "inv ~ value + capital", "firm", "year", 3L),
  ols_case("produc_ols", "Produc", Produc, "lgsp ~ lpcap + lpc + lemp + unemp", "state", "year", 2L),
  ols_case("petersen_ols", "PetersenCL", PetersenCL, "y ~ x", "firm", "year", 2L)
)

write_fixture(here, "ols", "Pooled OLS (lm) with iid, HC0-HC3, one-way and two-way cluster, Driscoll-Kraay variances",
              c("plm", "sandwich", "lmtest", "estimatr"), datasets,
              cases = cases)
