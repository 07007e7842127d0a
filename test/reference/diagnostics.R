# Reference values for the specification tests in src/diagnostics. Writes test/reference/diagnostics.json.
#
#   hausman     plm::phtest(fe, re): chi2 = d'(V_fe - V_re)^-1 d, d = b_fe - b_re (slopes), iid vcovs
#   bp_lm       plm::plmtest(pooling, effect = "individual" | "twoways", type = "bp") (Breusch-Pagan 1980)
#   f_fe        plm::pFtest(within, pooling): F = ((RSS_pool - RSS_fe)/df1) / (RSS_fe/df2)
#   wald        car::linearHypothesis(lm, hypothesis, vcov. = V, test = "F" | "Chisq"):
#               W = (Rb - r)'(R V R')^-1 (Rb - r), F = W/q with (q, N-K) df
#   vif         car::vif(lm) (= diag of the inverse correlation matrix of the regressors), cross-checked
#               against 1/(1 - R^2_j) from auxiliary regressions
#   wooldridge  plm::pwfdtest(plm(model = "fd"), h0 = "fe" | "fd"): pooled AR(1) regression of the
#               first-difference residuals on their lag (by row within unit), F = ((rho - rho0)/se)^2,
#               se from plm::vcovHC(method = "arellano", type = "HC0") (CR0 by unit), df = (1, df.residual)
#   pesaran_cd  plm::pcdtest(plm within, test = "cd"): CD = sqrt(1/P) sum_{i<j} sqrt(T_ij) rho_ij over
#               the P pairs with T_ij > 1 common periods, rho_ij = cor(e_i, e_j) on common periods
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({ library(plm); library(sandwich); library(car) })

plm_data <- plm_panels(); invisible(list2env(plm_data, environment()))
data("longley", package = "datasets")
Longley <- longley; names(Longley) <- c("GNPdeflator", "GNP", "Unemployed", "ArmedForces", "Population", "Year", "Employed")

datasets <- c(plm_datasets(plm_data, "R plm::EmplUK (unbalanced); logs of emp, wage, capital, output"),
              list(Longley = list(source = "R datasets::longley (column names without dots)", data = frame_json(Longley))))
ds <- list(Grunfeld = Grunfeld, Produc = Produc, EmplUK = EmplUK, Longley = Longley)
panels <- list(
  list(name = "Grunfeld", f = "inv ~ value + capital", id = "firm", time = "year"),
  list(name = "Produc", f = "lgsp ~ lpcap + lpc + lemp + unemp", id = "state", time = "year"),
  list(name = "EmplUK", f = "lemp ~ lwage + lcapital + loutput", id = "firm", time = "year")
)
ht <- function(h) list(statistic = unname(h$statistic), df = if (is.null(h$parameter)) NULL else I(unname(h$parameter)), p = unname(h$p.value))

hausman <- list(); bp <- list(); ffe <- list(); wool <- list(); cd <- list()
for (p in panels) {
  df <- ds[[p$name]]; f <- as.formula(p$f); idx <- c(p$id, p$time)
  fe <- plm(f, data = df, index = idx, model = "within")
  re <- plm(f, data = df, index = idx, model = "random", random.method = "swar")
  po <- plm(f, data = df, index = idx, model = "pooling")
  fe2 <- plm(f, data = df, index = idx, model = "within", effect = "twoways")
  fd <- plm(f, data = df, index = idx, model = "fd")
  base <- list(dataset = p$name, formula = p$f, panel = list(id = p$id, time = p$time))
  hausman[[length(hausman) + 1]] <- c(base, list(call = "plm::phtest(within, random swar)"), ht(phtest(fe, re)))
  bp[[length(bp) + 1]] <- c(base, list(effect = "individual", call = "plm::plmtest(pooling, effect='individual', type='bp')"), ht(plmtest(po, effect = "individual", type = "bp")))
  bp[[length(bp) + 1]] <- c(base, list(effect = "twoways", call = "plm::plmtest(pooling, effect='twoways', type='bp')"), ht(plmtest(po, effect = "twoways", type = "bp")))
  ffe[[length(ffe) + 1]] <- c(base, list(effect = "individual", call = "plm::pFtest(within individual, pooling)"), ht(pFtest(fe, po)))
  ffe[[length(ffe) + 1]] <- c(base, list(effect = "twoways", call = "plm::pFtest(within twoways, pooling)"), ht(pFtest(fe2, po)))
  wool[[length(wool) + 1]] <- c(base, list(h0 = "fe", call = "plm::pwfdtest(plm(model='fd'), h0='fe')"), ht(pwfdtest(fd, h0 = "fe")))
  wool[[length(wool) + 1]] <- c(base, list(h0 = "fd", call = "plm::pwfdtest(plm(model='fd'), h0='fd')"), ht(pwfdtest(fd, h0 = "fd")))
  cd[[length(cd) + 1]] <- c(base, list(model = "fe", effect = "individual", call = "plm::pcdtest(plm within individual, test='cd')"), ht(pcdtest(fe, test = "cd")))
  cd[[length(cd) + 1]] <- c(base, list(model = "ols", effect = NULL, call = "plm::pcdtest(plm pooling, test='cd')"), ht(pcdtest(po, test = "cd")))
}

wald_case <- function(dsname, formula, hyp, vname) {
  m <- lm(as.formula(formula), data = ds[[dsname]])
  V <- switch(vname, iid = vcov(m), hc1 = vcovHC(m, type = "HC1"))
  lhF <- linearHypothesis(m, hyp, vcov. = V, test = "F")
  lhC <- linearHypothesis(m, hyp, vcov. = V, test = "Chisq")
  H <- car::makeHypothesis(names(coef(m)), hyp); if (is.null(dim(H))) H <- matrix(H, nrow = 1)
  list(dataset = dsname, formula = formula, hypothesis = I(hyp), vcov = vname,
       call = sprintf("car::linearHypothesis(lm(%s), c(%s), vcov. = %s, test = 'F' / 'Chisq')", formula, paste0("'", hyp, "'", collapse = ", "),
                      if (vname == "iid") "vcov(m)" else "sandwich::vcovHC(m, type = 'HC1')"),
       coefNames = I(names(coef(m))), R = unname(H[, -ncol(H), drop = FALSE]), r = I(unname(H[, ncol(H)])),
       F = lhF$F[2], df1 = lhF$Df[2], df2 = lhF$Res.Df[2], pF = lhF[["Pr(>F)"]][2],
       chisq = lhC$Chisq[2], pChisq = lhC[["Pr(>Chisq)"]][2])
}
wald <- list(
  wald_case("Grunfeld", "inv ~ value + capital", "value = capital", "iid"),
  wald_case("Grunfeld", "inv ~ value + capital", c("value = 0", "capital = 0"), "hc1"),
  wald_case("Produc", "lgsp ~ lpcap + lpc + lemp + unemp", c("lpcap + lpc + lemp = 1", "unemp = 0"), "iid"),
  wald_case("Produc", "lgsp ~ lpcap + lpc + lemp + unemp", c("lpcap + lpc + lemp = 1", "unemp = 0"), "hc1")
)

vif_case <- function(dsname, formula) {
  m <- lm(as.formula(formula), data = ds[[dsname]])
  v <- car::vif(m)
  X <- model.matrix(m)[, -1, drop = FALSE]
  v2 <- diag(solve(cor(X)))
  stopifnot(max(abs(v - v2) / v) < 1e-8)
  list(dataset = dsname, formula = formula, call = sprintf("car::vif(lm(%s))", formula), vif = as.list(v))
}
vif <- list(
  vif_case("Produc", "lgsp ~ lpcap + lpc + lemp + unemp"),
  vif_case("Longley", "Employed ~ GNPdeflator + GNP + Unemployed + ArmedForces + Population + Year"),
  vif_case("Grunfeld", "inv ~ value + capital")
)

write_fixture(here, "diagnostics", "Specification tests: Hausman, Breusch-Pagan LM, F test of FE, Wald/F linear restrictions, VIF, Wooldridge serial correlation, Pesaran CD",
              c("plm", "sandwich", "car"), datasets,
              hausman = hausman, bp_lm = bp, f_fe = ffe, wald = wald, vif = vif, wooldridge = wool, pesaran_cd = cd)
