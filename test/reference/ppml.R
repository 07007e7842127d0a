# Reference values for Poisson PPML with fixed effects. Writes test/reference/ppml.json.
#
# fixest/ppmlhdfe are not available in Debian, so the reference is stats::glm(family = poisson) with
# the fixed effects as factor dummies, fitted on the sample that remains after removing the groups
# whose outcome is all zero (ppmlhdfe's first separation rule; those rows are counted as dropped for
# separation) and, in one case, the rows separated by a dummy regressor by construction (ppmlhdfe's
# ReLU rule; the dummy then has no variation and is dropped). glm is run with epsilon = 1e-14 so that its IRLS is converged far below the 1e-6 test
# tolerance.
#   logLik   sum(y log(mu) - mu - lgamma(y + 1))  (as ppmlhdfe / fixest; equals logLik(glm) for integer y)
#   ll0      same for the constant-only model (mu = mean(y)) on the estimation sample
#   pseudoR2 1 - logLik/ll0 (McFadden, as ppmlhdfe and fixest fepois)
#   deviance deviance(glm) = 2 sum(y log(y/mu) - (y - mu))
#   iid      vcov(glm) (inverse Fisher information, dispersion 1), slope block
#   hc0      sandwich::vcovHC(glm, type = "HC0"), slope block
#   cluster  CR0 = sandwich::vcovCL(glm, cluster = ~g, type = "HC0", cadjust = FALSE), slope block;
#            ssc {adj: false, clusterAdj: true}: CR0 * G/(G-1);
#            ssc "stata": CR0 * G/(G-1) * (N-1)/(N-K), K = slopes + 1 + non-nested FE df
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages({ library(AER); library(sandwich) })

data("Fatalities", package = "AER")
fat <- with(Fatalities, data.frame(state = as.character(state), year = as.numeric(as.character(year)),
                                   fatal = fatal, beertax = beertax, lincome = log(income), unemp = unemp,
                                   stringsAsFactors = FALSE))

data("ShipAccidents", package = "AER")
ships <- subset(ShipAccidents, service > 0)  # log(service) is undefined for the 6 rows without service
ships <- with(ships, data.frame(type = as.character(type), construction = as.character(construction),
                                op7579 = as.numeric(operation == "1975-79"), lservice = log(service),
                                incidents = incidents, stringsAsFactors = FALSE))

# Seeded synthetic panel: 60 units x 8 years, Poisson counts; units 1-3 have an all-zero outcome
# (they must be removed by separation detection), plus a continuous non-negative "trade-like"
# outcome with exact zeros (PPML on non-integer y).
set.seed(20251128)
n <- 60; nt <- 8
syn <- expand.grid(year = 2015:(2015 + nt - 1), id = 1:n)[, c("id", "year")]
alpha <- rnorm(n, 0, 0.7); gam <- rnorm(nt, 0, 0.3)
syn$x1 <- rnorm(n * nt) + 0.3 * alpha[syn$id]
syn$x2 <- runif(n * nt)
mu <- exp(0.8 + 0.4 * syn$x1 - 0.9 * syn$x2 + alpha[syn$id] + gam[syn$year - 2014])
syn$y <- rpois(n * nt, mu)
syn$y[syn$id %in% 1:3] <- 0
syn$trade <- round(mu * exp(rnorm(n * nt, 0, 0.6)) * (runif(n * nt) > 0.15), 6)
syn$trade[syn$id == 4] <- 0
syn$id <- sprintf("u%02d", syn$id)
# a dummy that is 1 only on 15 rows with y = 0 (outside the all-zero units): those rows are separated
# by the regressor d (its coefficient would go to -Inf); the ReLU rule must find exactly them
cand <- which(syn$y == 0 & !(syn$id %in% sprintf("u%02d", 1:3)) & ave(syn$y, syn$id, FUN = sum) > 0)
sep_rows <- sort(sample(cand, 15))
syn$d <- 0; syn$d[sep_rows] <- 1

datasets <- list(
  Fatalities = list(source = "R AER::Fatalities; lincome = log(income)", data = frame_json(fat)),
  ShipAccidents = list(source = "R AER::ShipAccidents, rows with service > 0; op7579 = (operation == '1975-79'), lservice = log(service)",
                       data = frame_json(ships)),
  SyntheticCounts = list(source = "seeded synthetic panel generated in test/reference/ppml.R (set.seed(20251128))", data = frame_json(syn))
)

ll_pois <- function(y, mu) sum(y * log(ifelse(y > 0, mu, 1)) - mu - lgamma(y + 1))

ppml_case <- function(id, dsname, df, y, x, fe, cluster, known_sep = NULL, extra_x = character(0)) {
  # rows separated by a regressor by construction (ppmlhdfe's ReLU rule finds them), removed first;
  # `extra_x` are the regressors that then have no variation left (in the engine formula, not in glm)
  keep <- if (is.null(known_sep)) rep(TRUE, nrow(df)) else !known_sep
  # ppmlhdfe rule 1: drop FE groups whose outcome is all zero (iterate until none is left)
  repeat {
    changed <- FALSE
    for (v in fe) {
      s <- tapply(df[[y]][keep], df[[v]][keep], sum)
      bad <- names(s)[s == 0]
      if (length(bad)) { keep <- keep & !(df[[v]] %in% bad); changed <- TRUE }
    }
    if (!changed) break
  }
  d <- df[keep, ]
  for (v in fe) stopifnot(min(table(d[[v]])) > 1)  # no singletons (the engine would drop them)
  f <- as.formula(paste0(y, " ~ ", paste(x, collapse = " + "), if (length(fe)) paste0(" + ", paste0("factor(", fe, ")", collapse = " + ")) else ""))
  m <- suppressWarnings(glm(f, family = poisson(), data = d, control = glm.control(epsilon = 1e-14, maxit = 100)))
  stopifnot(m$converged)
  sl <- function(V) V[x, x, drop = FALSE]
  mu <- fitted(m); yy <- d[[y]]
  ll <- ll_pois(yy, mu); ll0 <- ll_pois(yy, rep(mean(yy), length(yy)))
  N <- nrow(d); k <- length(x)
  cr0 <- sl(vcovCL(m, cluster = as.formula(paste0("~", cluster)), type = "HC0", cadjust = FALSE))
  G <- length(unique(d[[cluster]]))
  nonnested <- setdiff(fe, cluster)
  K <- k + 1 + sum(vapply(nonnested, function(v) length(unique(d[[v]])) - 1, 0))  # + 1: intercept (absorbed or explicit)
  list(id = id, dataset = dsname, model = "ppml",
       formula = paste0(y, " ~ ", paste(c(x, extra_x), collapse = " + "), if (length(fe)) paste0(" | ", paste(fe, collapse = " + ")) else ""),
       dropped_regressors = I(extra_x),
       reference = paste0("R glm(", deparse1(f), ", family = poisson()) on the rows left after dropping all-zero FE groups"),
       coef = coef_json(coef(m)[x]),
       stats = list(nobs = N, dropped_separation = sum(!keep), k = k, logLik = ll, ll0 = ll0, pseudoR2 = 1 - ll / ll0,
                    deviance = deviance(m), groups = if (length(fe)) lapply(setNames(fe, fe), function(v) length(unique(d[[v]]))) else setNames(list(), character(0)),
                    p_iid = as.list(summary(m)$coefficients[x, 4])),
       vcov = list(
         list(label = "iid", spec = "iid", ssc = "stata", call = "vcov(glm) slope block", value = vcov_json(sl(vcov(m)))),
         list(label = "hc0", spec = "hc0", ssc = "stata", call = "sandwich::vcovHC(glm, type='HC0') slope block", value = vcov_json(sl(vcovHC(m, type = "HC0")))),
         list(label = "cluster_none", spec = list(cluster = I(cluster)), ssc = "none",
              call = sprintf("sandwich::vcovCL(glm, cluster = ~%s, type='HC0', cadjust=FALSE)", cluster), value = vcov_json(cr0, G = G)),
         list(label = "cluster_gadj", spec = list(cluster = I(cluster)), ssc = list(adj = FALSE, clusterAdj = TRUE, fixefK = "none", constantK = FALSE, clusterDf = "min", tDf = "min"),
              call = sprintf("sandwich::vcovCL(glm, cluster = ~%s, type='HC0', cadjust=TRUE) = CR0 * G/(G-1)", cluster),
              value = vcov_json(sl(vcovCL(m, cluster = as.formula(paste0("~", cluster)), type = "HC0", cadjust = TRUE)), G = G)),
         list(label = "cluster_stata", spec = list(cluster = I(cluster)), ssc = "stata",
              call = sprintf("CR0 * G/(G-1) * (N-1)/(N-K), K = %d", K), value = vcov_json(cr0 * G / (G - 1) * (N - 1) / (N - K), G = G, K = K))
       ))
}

cases <- list(
  ppml_case("fatalities_ppml_twoways", "Fatalities", fat, "fatal", c("beertax", "lincome", "unemp"), c("state", "year"), "state"),
  ppml_case("fatalities_ppml_state", "Fatalities", fat, "fatal", c("beertax", "lincome", "unemp"), "state", "state"),
  ppml_case("fatalities_ppml_nofe", "Fatalities", fat, "fatal", c("beertax", "lincome", "unemp"), character(0), "state"),
  ppml_case("ships_ppml_type_construction", "ShipAccidents", ships, "incidents", c("lservice", "op7579"), c("type", "construction"), "type"),
  ppml_case("synthetic_ppml_twoways_separation", "SyntheticCounts", syn, "y", c("x1", "x2"), c("id", "year"), "id"),
  ppml_case("synthetic_trade_ppml_twoways", "SyntheticCounts", syn, "trade", c("x1", "x2"), c("id", "year"), "id"),
  ppml_case("synthetic_ppml_relu_separation", "SyntheticCounts", syn, "y", c("x1", "x2"), c("id", "year"), "id",
            known_sep = syn$d == 1, extra_x = "d")
)

write_fixture(here, "ppml", "Poisson PPML with fixed effects (glm with dummies after ppmlhdfe-style all-zero-group removal)",
              c("AER", "sandwich"), datasets,
              cases = cases)
