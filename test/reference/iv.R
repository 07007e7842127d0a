# Reference values for 2SLS (instrumental variables), without and with fixed effects, and the IV
# diagnostics. Writes test/reference/iv.json.
#
#   Estimates   AER::ivreg(y ~ exog + endo | exog + inst), FE as factor dummies (FWL: the slope
#               estimates equal 2SLS on within-transformed data); cross-checked against
#               plm::plm(y ~ endo + exog | exog + inst, model = "within") for the FE cases.
#   iid         vcov(ivreg) = sigma^2 (Xhat'Xhat)^-1, sigma^2 = sum e^2/(N-K), e = y - X b (original X)
#   hc0, hc1    sandwich::vcovHC(ivreg, type = "HC0"/"HC1") (no-FE cases)
#   cluster     CR0 = sandwich::vcovCL(ivreg, cluster = ~g, type = "HC0", cadjust = FALSE) (slope block);
#               ssc "stata" = CR0 * G/(G-1) * (N-1)/(N-K), K = slopes + 1 + non-nested FE df
#   diagnostics summary(ivreg, diagnostics = TRUE): "Weak instruments" = first-stage F of the excluded
#               instruments (one row per endogenous regressor), "Wu-Hausman" F, "Sargan" chi^2
#               (all with the iid variance).
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({ library(AER); library(plm); library(sandwich) })

data("CigarettesSW", package = "AER")
cig <- with(CigarettesSW, data.frame(
  state = as.character(state), year = as.numeric(as.character(year)),
  lpacks = log(packs), lrprice = log(price / cpi), lrincome = log(income / population / cpi),
  tdiff = (taxs - tax) / cpi, rtax = tax / cpi, stringsAsFactors = FALSE))
data("Crime", package = "plm")
crime <- Crime[, c("county", "year", "lcrmrte", "lprbarr", "lpolpc", "lprbconv", "lprbpris", "lavgsen", "ldensity", "ltaxpc", "lmix")]
crime$year <- as.numeric(as.character(crime$year))
crime$county <- as.numeric(as.character(crime$county))

datasets <- list(
  CigarettesSW = list(source = "R AER::CigarettesSW; lpacks = log(packs), lrprice = log(price/cpi), lrincome = log(income/population/cpi), tdiff = (taxs-tax)/cpi, rtax = tax/cpi",
                      data = frame_json(cig)),
  Crime = list(source = "R plm::Crime (Cornwell and Trumbull 1994), columns used below", data = frame_json(crime))
)

diag_json <- function(m) {
  d <- summary(m, diagnostics = TRUE)$diagnostics
  rows <- lapply(seq_len(nrow(d)), function(i) list(test = rownames(d)[i], df1 = d[i, "df1"], df2 = d[i, "df2"],
                                                     statistic = d[i, "statistic"], p = d[i, "p-value"]))
  rows
}

iv_case <- function(id, dsname, df, y, exog, endo, inst, fe = character(0), cluster = NULL) {
  rhs_x <- paste(c(endo, exog), collapse = " + ")
  rhs_z <- paste(c(exog, inst), collapse = " + ")
  dum <- if (length(fe)) paste0(" + ", paste0("factor(", fe, ")", collapse = " + ")) else ""
  if (length(exog) == 0 && length(fe) > 0) rhs_z0 <- paste(inst, collapse = " + ") else rhs_z0 <- rhs_z
  f <- as.formula(paste0(y, " ~ ", rhs_x, dum, " | ", rhs_z0, dum))
  m <- ivreg(f, data = df)
  slopes <- c(if (length(fe) == 0) "(Intercept)", endo, exog)
  sl <- function(V) V[slopes, slopes, drop = FALSE]
  N <- nobs(m); k <- length(slopes)
  # fixest-style formula for the engine: y ~ exog | fe | endo ~ inst
  eng <- paste0(y, " ~ ", if (length(exog)) paste(exog, collapse = " + ") else "1",
                if (length(fe)) paste0(" | ", paste(fe, collapse = " + ")) else "",
                " | ", paste(endo, collapse = " + "), " ~ ", paste(inst, collapse = " + "))
  vc <- list(list(label = "iid", spec = "iid", ssc = "stata", call = "vcov(ivreg)", value = vcov_json(sl(vcov(m)))))
  if (length(fe) == 0) {
    vc[[2]] <- list(label = "hc0", spec = "hc0", ssc = "stata", call = "sandwich::vcovHC(ivreg, type='HC0')", value = vcov_json(sl(vcovHC(m, type = "HC0"))))
    vc[[3]] <- list(label = "hc1", spec = "hc1", ssc = "stata", call = "sandwich::vcovHC(ivreg, type='HC1')", value = vcov_json(sl(vcovHC(m, type = "HC1"))))
  }
  if (!is.null(cluster)) {
    cr0 <- sl(vcovCL(m, cluster = as.formula(paste0("~", cluster)), type = "HC0", cadjust = FALSE))
    G <- length(unique(df[[cluster]]))
    nonnested <- setdiff(fe, cluster)
    K <- k + (if (length(fe)) 1 else 0) + sum(vapply(nonnested, function(v) length(unique(df[[v]])) - 1, 0))
    vc[[length(vc) + 1]] <- list(label = "cluster_none", spec = list(cluster = I(cluster)), ssc = "none",
      call = sprintf("sandwich::vcovCL(ivreg, cluster = ~%s, type='HC0', cadjust=FALSE)", cluster), value = vcov_json(cr0, G = G))
    vc[[length(vc) + 1]] <- list(label = "cluster_stata", spec = list(cluster = I(cluster)), ssc = "stata",
      call = sprintf("CR0 * G/(G-1) * (N-1)/(N-K), K = %d", K), value = vcov_json(cr0 * G / (G - 1) * (N - 1) / (N - K), G = G, K = K))
  }
  out <- list(id = id, dataset = dsname, model = "iv", formula = eng,
              reference = paste0("R AER::ivreg(", deparse1(f), ")"),
              endogenous = I(endo), instruments = I(inst), fe = I(fe),
              coef = coef_json(coef(m)[slopes]),
              stats = list(nobs = N, k = k, df_resid = df.residual(m), sigma = summary(m)$sigma, rss = sum(residuals(m)^2)),
              vcov = vc, diagnostics = diag_json(m))
  if (length(fe) > 0) {
    # cross-check with plm's within 2SLS
    pf <- as.formula(paste0(y, " ~ ", rhs_x, " | ", rhs_z0))
    pm <- plm(pf, data = df, index = fe, model = "within", effect = if (length(fe) == 2) "twoways" else "individual")
    stopifnot(max(abs(coef(pm)[c(endo, exog)] - coef(m)[c(endo, exog)]) / abs(coef(m)[c(endo, exog)])) < 1e-8)
    out$crosscheck <- sprintf("plm::plm(%s, index = c(%s), model = 'within') agrees to 1e-8", deparse1(pf), paste0("'", fe, "'", collapse = ","))
  }
  out
}

cig95 <- cig[cig$year == 1995, ]
cases <- list(
  iv_case("cig95_iv", "CigarettesSW", cig95, "lpacks", "lrincome", "lrprice", c("tdiff", "rtax")),
  iv_case("cig_iv_fe_twoways", "CigarettesSW", cig, "lpacks", "lrincome", "lrprice", c("tdiff", "rtax"), fe = c("state", "year"), cluster = "state"),
  iv_case("crime_iv_pooled", "Crime", crime, "lcrmrte", c("lprbarr", "lprbconv", "lprbpris", "lavgsen", "ldensity"), "lpolpc", c("ltaxpc", "lmix"),
          cluster = "county"),
  iv_case("crime_iv_fe_county", "Crime", crime, "lcrmrte", c("lprbconv", "lprbpris", "lavgsen", "ldensity"), c("lprbarr", "lpolpc"), c("ltaxpc", "lmix"),
          fe = "county", cluster = "county"),
  iv_case("crime_iv_fe_twoways", "Crime", crime, "lcrmrte", c("lprbconv", "lprbpris", "lavgsen", "ldensity"), "lpolpc", c("ltaxpc", "lmix"),
          fe = c("county", "year"), cluster = "county")
)
# The cig FE case subsamples a 2-period panel; the data frame is the full CigarettesSW (both years).
cases[[1]]$subset <- "year == 1995"

write_fixture(here, "iv", "2SLS with and without fixed effects (AER::ivreg, plm within IV), vcov iid/HC0/HC1/cluster, IV diagnostics",
              c("AER", "plm", "sandwich"), datasets,
              cases = cases)
