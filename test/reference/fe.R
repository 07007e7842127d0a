# Reference values for fixed-effects (within) estimation, one-way and two-way, balanced and
# unbalanced panels. Writes test/reference/fe.json.
#
# Estimates: plm::plm(f, model = "within", effect = "individual" | "twoways"), cross-checked against
# lm() with factor dummies (LSDV), whose R^2 is the "full" R^2; plm's r.squared is the within R^2.
# Variance estimators on the slope coefficients (k = number of slopes, N obs, G clusters):
#   iid          vcov(plm)  = sigma^2 (X~'X~)^-1, sigma^2 = RSS/(N - k - dfFE)
#   hc0 / hc1    sandwich::vcovHC(lm LSDV, type = "HC0"/"HC1"), slope block (HC1: K = all LSDV coefs)
#   hc1 (ssc "none"), hc2, hc3   plm::vcovHC(plm within, method = "white1", type = "HC1"/"HC2"/"HC3")
#                (HC1 with K = slopes only; HC2/HC3 with the leverage of the demeaned design)
#   cluster, ssc "none"   plm::vcovHC(plm, method = "arellano", type = "HC0", cluster = "group"|"time") (CR0)
#   cluster, ssc "stata"  CR0 * G/(G-1) * (N-1)/(N-K), K = k + 1 (constant) + sum over the absorbed
#                FE NOT nested in the cluster variable of (levels - redundant), redundant = 1 for the
#                second FE of a connected two-way design (Stata xtreg fe / reghdfe rule)
#   cluster, ssc "hc1"    sandwich::vcovCL(lm LSDV, cluster = ~g, type = "HC1", cadjust = TRUE), slope block
#                (K counts every FE dummy and the intercept)
#   two-way cluster, ssc "stata"  (N-1)/(N-K) * Gmin/(Gmin-1) * (CR0_id + CR0_time - CR0_id×time),
#                CR0 pieces from sandwich::vcovCL(lm LSDV, cluster = ~id + time, type = "HC0", cadjust = FALSE)
#   dk, ssc "none"  plm::vcovSCC(plm within, type = "HC0", maxlag = L)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({ library(plm); library(sandwich) })

plm_data <- plm_panels(); invisible(list2env(plm_data, environment()))

datasets <- plm_datasets(plm_data, "R plm::EmplUK (unbalanced, 140 firms, 1976-1984); lemp = log(emp), lwage = log(wage), lcapital = log(capital), loutput = log(output)")

fe_case <- function(id, dsname, df, rhs_formula, idvar, timevar, effect, dk_lag) {
  f <- as.formula(rhs_formula)
  m <- plm(f, data = df, index = c(idvar, timevar), model = "within", effect = effect)
  slopes <- names(coef(m))
  dummies <- if (effect == "twoways") paste0("factor(", idvar, ") + factor(", timevar, ")") else paste0("factor(", idvar, ")")
  flsdv <- as.formula(paste(rhs_formula, "+", dummies))
  l <- lm(flsdv, data = df)
  stopifnot(max(abs(coef(l)[slopes] - coef(m)) / abs(coef(m))) < 1e-9)
  N <- nobs(m); k <- length(slopes)
  G_id <- length(unique(df[[idvar]])); G_t <- length(unique(df[[timevar]]))
  fe_formula <- if (effect == "twoways") paste(rhs_formula, "|", idvar, "+", timevar) else paste(rhs_formula, "|", idvar)
  sl <- function(V) V[slopes, slopes, drop = FALSE]
  V_cr0_id <- sl(vcovHC(m, method = "arellano", type = "HC0", cluster = "group"))
  V_cr0_id_lsdv <- sl(vcovCL(l, cluster = as.formula(paste0("~", idvar)), type = "HC0", cadjust = FALSE))
  stopifnot(max(abs(V_cr0_id - V_cr0_id_lsdv) / abs(V_cr0_id)) < 1e-8)
  # Stata rule: FE nested in the cluster are not counted; non-nested FE count (levels - redundant)
  K_id <- k + 1 + if (effect == "twoways") (G_t - 1) else 0
  V_stata_id <- V_cr0_id * G_id / (G_id - 1) * (N - 1) / (N - K_id)
  vc <- list(
    list(label = "iid", spec = "iid", ssc = "stata", call = "vcov(plm within)", value = vcov_json(vcov(m))),
    list(label = "hc0", spec = "hc0", ssc = "stata", call = "sandwich::vcovHC(lm LSDV, type='HC0') slope block", value = vcov_json(sl(vcovHC(l, type = "HC0")))),
    list(label = "hc1", spec = "hc1", ssc = "stata", call = "sandwich::vcovHC(lm LSDV, type='HC1') slope block", value = vcov_json(sl(vcovHC(l, type = "HC1")))),
    list(label = "hc1_plm_white1", spec = "hc1", ssc = list(fixefK = "none", constantK = FALSE), call = "plm::vcovHC(plm within, method='white1', type='HC1') (n/(n-k), k = slopes only)",
         value = vcov_json(sl(unclass(vcovHC(m, method = "white1", type = "HC1"))))),
    list(label = "hc2_plm_white1", spec = "hc2", ssc = "stata", call = "plm::vcovHC(plm within, method='white1', type='HC2') (leverage of the demeaned design)",
         value = vcov_json(sl(unclass(vcovHC(m, method = "white1", type = "HC2"))))),
    list(label = "hc3_plm_white1", spec = "hc3", ssc = "stata", call = "plm::vcovHC(plm within, method='white1', type='HC3') (leverage of the demeaned design)",
         value = vcov_json(sl(unclass(vcovHC(m, method = "white1", type = "HC3"))))),
    list(label = "cluster_id_none", spec = list(cluster = I(idvar)), ssc = "none",
         call = "plm::vcovHC(plm within, method='arellano', type='HC0', cluster='group')", value = vcov_json(V_cr0_id)),
    list(label = "cluster_id_stata", spec = list(cluster = I(idvar)), ssc = "stata",
         call = sprintf("CR0 * G/(G-1) * (N-1)/(N-K), K = %d (k + 1%s)", K_id, if (effect == "twoways") " + T - 1" else ""),
         value = vcov_json(V_stata_id, G = G_id, K = K_id,
                           p = as.list(2 * pt(-abs(coef(m) / sqrt(diag(V_stata_id))), G_id - 1)))),
    list(label = "cluster_id_hc1", spec = list(cluster = I(idvar)), ssc = "hc1",
         call = "sandwich::vcovCL(lm LSDV, cluster = ~id, type='HC1', cadjust=TRUE) slope block",
         value = vcov_json(sl(vcovCL(l, cluster = as.formula(paste0("~", idvar)), type = "HC1", cadjust = TRUE)))),
    list(label = "dk_none", spec = list(dk = list(lag = dk_lag)), ssc = "none",
         call = sprintf("plm::vcovSCC(plm within, type='HC0', maxlag=%d)", dk_lag),
         value = vcov_json(sl(unclass(vcovSCC(m, type = "HC0", maxlag = dk_lag)))))
  )
  if (effect == "twoways") {
    V12 <- sl(vcovCL(l, cluster = as.formula(paste0("~", idvar, "+", timevar)), type = "HC0", cadjust = FALSE))
    Gmin <- min(G_id, G_t); K2 <- k + 1
    vc[[length(vc) + 1]] <- list(label = "cluster_twoway_stata", spec = list(cluster = I(c(idvar, timevar))), ssc = "stata",
      call = sprintf("(N-1)/(N-K) * Gmin/(Gmin-1) * sandwich::vcovCL(lm LSDV, cluster = ~%s + %s, type='HC0', cadjust=FALSE), K = k + 1 (both FE nested)", idvar, timevar),
      value = vcov_json(V12 * (N - 1) / (N - K2) * Gmin / (Gmin - 1), G1 = G_id, G2 = G_t, K = K2))
    vc[[length(vc) + 1]] <- list(label = "cluster_twoway_none", spec = list(cluster = I(c(idvar, timevar))), ssc = "none",
      call = sprintf("sandwich::vcovCL(lm LSDV, cluster = ~%s + %s, type='HC0', cadjust=FALSE) slope block", idvar, timevar),
      value = vcov_json(V12))
  }
  sm <- summary(m); sl_ <- summary(l)
  list(
    id = id, dataset = dsname, model = "fe", formula = fe_formula, rhs = rhs_formula, effect = effect,
    panel = list(id = idvar, time = timevar),
    reference = sprintf("R plm(%s, data = %s, index = c('%s','%s'), model = 'within', effect = '%s')", rhs_formula, dsname, idvar, timevar, effect),
    coef = coef_json(coef(m)),
    stats = list(nobs = N, k = k, df_resid = df.residual(m), dfFe = N - k - df.residual(m),
                 r2_within = unname(sm$r.squared["rsq"]), adj_r2_within_plm = unname(sm$r.squared["adjrsq"]),
                 r2_lsdv = sl_$r.squared, adj_r2_lsdv = sl_$adj.r.squared,
                 rss = sum(residuals(m)^2), sigma = sqrt(sum(residuals(m)^2) / df.residual(m)),
                 groups_id = G_id, groups_time = G_t,
                 fstat_plm = unname(sm$fstatistic$statistic), fdf = I(unname(sm$fstatistic$parameter)),
                 p_iid = as.list(sm$coefficients[, 4])),
    vcov = vc
  )
}

cases <- list(
  fe_case("grunfeld_fe_individual", "Grunfeld", Grunfeld, "inv ~ value + capital", "firm", "year", "individual", 3L),
  fe_case("grunfeld_fe_twoways", "Grunfeld", Grunfeld, "inv ~ value + capital", "firm", "year", "twoways", 3L),
  fe_case("produc_fe_individual", "Produc", Produc, "lgsp ~ lpcap + lpc + lemp + unemp", "state", "year", "individual", 2L),
  fe_case("produc_fe_twoways", "Produc", Produc, "lgsp ~ lpcap + lpc + lemp + unemp", "state", "year", "twoways", 2L),
  fe_case("empluk_fe_individual", "EmplUK", EmplUK, "lemp ~ lwage + lcapital + loutput", "firm", "year", "individual", 2L),
  fe_case("empluk_fe_twoways", "EmplUK", EmplUK, "lemp ~ lwage + lcapital + loutput", "firm", "year", "twoways", 2L)
)

write_fixture(here, "fe", "Fixed-effects (within) estimation, one-way and two-way, with iid, HC0/HC1, cluster (CR0, Stata rule, HC1), two-way cluster, Driscoll-Kraay",
              c("plm", "sandwich"), datasets,
              cases = cases)
