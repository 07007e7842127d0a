# Reference values for the other panel estimators: random effects (Swamy-Arora), between, first
# difference. Writes test/reference/panel.json.
#
#   re   plm::plm(f, model = "random", random.method = "swar", effect = "individual");
#        theta and sigma^2 from plm::ercomp(); iid vcov = vcov(plm); CR0 =
#        plm::vcovHC(m, method = "arellano", type = "HC0", cluster = "group") (quasi-demeaned data)
#   be   plm::plm(f, model = "between"); iid vcov = vcov(plm) (N = number of groups)
#   fd   plm::plm(f, model = "fd") — with the intercept plm adds by default (a trend in levels) and
#        without it (f with "- 1"); iid vcov = vcov(plm); CR0 by group as for re; R^2 from lm() on the
#        differenced data (r2_lm)
#   p-values: plm's summary uses the normal distribution for "random" (z) and t(df) otherwise (p_plm)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({ library(plm); library(sandwich) })

plm_data <- plm_panels(); invisible(list2env(plm_data, environment()))

datasets <- plm_datasets(plm_data, "R plm::EmplUK (unbalanced); lemp = log(emp), lwage = log(wage), lcapital = log(capital), loutput = log(output)")

panel_case <- function(id, dsname, df, formula, idvar, timevar, model) {
  f <- as.formula(formula)
  args <- list(formula = f, data = df, index = c(idvar, timevar), model = model)
  if (model == "random") args$random.method <- "swar"
  m <- do.call(plm, args)
  sm <- summary(m)
  vc <- list(list(label = "iid", spec = "iid", ssc = "stata", call = sprintf("vcov(plm(model = '%s'))", model), value = vcov_json(vcov(m))))
  if (model != "between") {
    vc[[2]] <- list(label = "cluster_id_none", spec = list(cluster = I(idvar)), ssc = "none",
                    call = "plm::vcovHC(m, method='arellano', type='HC0', cluster='group')",
                    value = vcov_json(unclass(vcovHC(m, method = "arellano", type = "HC0", cluster = "group"))[names(coef(m)), names(coef(m))]))
  }
  stats <- list(nobs = nobs(m), k = length(coef(m)), df_resid = df.residual(m), r2_plm = unname(sm$r.squared["rsq"]),
                adj_r2_plm = unname(sm$r.squared["adjrsq"]), rss = sum(residuals(m)^2),
                p_plm = as.list(sm$coefficients[, 4]))
  if (model == "fd") {
    # R^2 of lm() on the differenced data (centred with an intercept, uncentred without, as lm);
    # plm's own r.squared for an fd model without intercept follows neither convention.
    Xd <- model.matrix(m); yd <- pmodel.response(m)
    ld <- if ("(Intercept)" %in% colnames(Xd)) lm(yd ~ Xd[, -1, drop = FALSE]) else lm(yd ~ Xd - 1)
    stats$r2_lm <- summary(ld)$r.squared; stats$adj_r2_lm <- summary(ld)$adj.r.squared
  }
  if (model == "random") {
    ec <- ercomp(m)
    stats$theta <- I(as.double(ec$theta))
    stats$sigma2_idios <- unname(ec$sigma2["idios"]); stats$sigma2_indiv <- unname(ec$sigma2["id"])
  }
  plm_model <- c(random = "re", between = "be", fd = "fd")[[model]]
  list(id = id, dataset = dsname, model = plm_model, formula = formula, effect = "individual",
       panel = list(id = idvar, time = timevar),
       reference = sprintf("R plm(%s, data = %s, index = c('%s','%s'), model = '%s'%s)", formula, dsname, idvar, timevar, model,
                           if (model == "random") ", random.method = 'swar'" else ""),
       coef = coef_json(coef(m)), stats = stats, vcov = vc)
}

g <- "inv ~ value + capital"; p <- "lgsp ~ lpcap + lpc + lemp + unemp"; e <- "lemp ~ lwage + lcapital + loutput"
cases <- list(
  panel_case("grunfeld_re", "Grunfeld", Grunfeld, g, "firm", "year", "random"),
  panel_case("produc_re", "Produc", Produc, p, "state", "year", "random"),
  panel_case("empluk_re_unbalanced", "EmplUK", EmplUK, e, "firm", "year", "random"),
  panel_case("grunfeld_be", "Grunfeld", Grunfeld, g, "firm", "year", "between"),
  panel_case("produc_be", "Produc", Produc, p, "state", "year", "between"),
  panel_case("grunfeld_fd", "Grunfeld", Grunfeld, g, "firm", "year", "fd"),
  panel_case("grunfeld_fd_nointercept", "Grunfeld", Grunfeld, paste(g, "- 1"), "firm", "year", "fd"),
  panel_case("produc_fd", "Produc", Produc, p, "state", "year", "fd"),
  panel_case("empluk_fd_unbalanced", "EmplUK", EmplUK, e, "firm", "year", "fd")
)

write_fixture(here, "panel", "Random effects (Swamy-Arora), between and first-difference estimators (plm)",
              c("plm", "sandwich"), datasets,
              cases = cases)
