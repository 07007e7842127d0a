# Reference values for the descriptive statistics in src/stats (summary statistics, type-7 quantiles,
# skewness/kurtosis, Pearson/Spearman correlations with p-values, seasonality regression).
# Writes test/reference/descriptives.json. Run through `npm run references` (test/reference/generate.sh).
#
# Definitions checked:
#   quantiles      stats::quantile(x, p, type = 7)  (R's default)
#   sd             stats::sd (n - 1)
#   skewness       e1071::skewness(x, type = 2)  = G1 (adjusted Fisher-Pearson, SAS/SPSS/Excel)
#   kurtosis       e1071::kurtosis(x, type = 2)  = G2 (adjusted excess kurtosis, SAS/SPSS/Excel)
#                  (cross-checked below against the Joanes & Gill 1998 formulas written out)
#   correlations   stats::cor(use = "pairwise.complete.obs"), p-values from stats::cor.test on the
#                  complete pairs (Spearman: exact = FALSE, the t approximation)
#   seasonality    lm(log(y) ~ factor(year) + factor(quarter)) vs lm(log(y) ~ factor(year)), anova F
# Data: R's datasets::airquality (with NAs), datasets::mtcars, datasets::AirPassengers, embedded.
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "lib", "common.R"))
suppressPackageStartupMessages(library(e1071))

aq <- datasets::airquality
mt <- datasets::mtcars[, c("mpg", "disp", "hp", "wt", "qsec", "cyl")]

g1g2 <- function(x) {  # Joanes & Gill (1998), written out, as a cross-check of e1071 type 2
  n <- length(x); d <- x - mean(x); m2 <- mean(d^2); m3 <- mean(d^3); m4 <- mean(d^4)
  g1 <- m3 / m2^1.5; g2 <- m4 / m2^2 - 3
  c(G1 = g1 * sqrt(n * (n - 1)) / (n - 2), G2 = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3)))
}

summ <- function(v, name) {
  x <- v[!is.na(v)]
  s <- list(variable = name, n = length(x), missing = sum(is.na(v)), mean = mean(x), sd = sd(x),
            min = min(x), p25 = unname(quantile(x, 0.25, type = 7)), median = median(x),
            p75 = unname(quantile(x, 0.75, type = 7)), max = max(x),
            skewness = skewness(x, type = 2), kurtosis = kurtosis(x, type = 2))
  chk <- g1g2(x)
  stopifnot(abs(chk[["G1"]] - s$skewness) < 1e-12 * max(1, abs(s$skewness)),
            abs(chk[["G2"]] - s$kurtosis) < 1e-12 * max(1, abs(s$kurtosis)))
  s
}

probs <- seq(0, 1, by = 0.05)
quant_case <- function(x, label) list(label = label, probs = I(probs),
  values = I(unname(quantile(x, probs, type = 7, na.rm = TRUE))))

cor_case <- function(df, method) {
  v <- names(df); k <- length(v)
  r <- cor(df, use = "pairwise.complete.obs", method = method)
  p <- matrix(NA_real_, k, k); n <- matrix(0, k, k)
  for (i in seq_len(k)) for (j in seq_len(k)) {
    ok <- !is.na(df[[i]]) & !is.na(df[[j]])
    n[i, j] <- sum(ok)
    if (i != j) {
      ct <- if (method == "spearman") suppressWarnings(cor.test(df[[i]][ok], df[[j]][ok], method = "spearman", exact = FALSE))
            else cor.test(df[[i]][ok], df[[j]][ok])
      p[i, j] <- ct$p.value
    }
  }
  list(method = method, variables = I(v), r = unname(r), p = p, n = n)
}

ap <- data.frame(year = floor(time(AirPassengers) + 1e-9), month = as.integer(cycle(AirPassengers)),
                 value = as.double(AirPassengers))
ap$quarter <- (ap$month - 1) %/% 3 + 1
season_case <- function(scale) {
  y <- if (scale == "log") log(ap$value) else ap$value
  fu <- lm(y ~ factor(ap$year) + factor(ap$quarter))
  fr <- lm(y ~ factor(ap$year))
  a <- anova(fr, fu)
  cf <- summary(fu)$coefficients
  rows <- paste0("factor(ap$quarter)", 2:4)
  list(scale = scale, nobs = nrow(ap), df_residual = fu$df.residual,
       estimate = I(unname(cf[rows, 1])), std_error = I(unname(cf[rows, 2])),
       t_value = I(unname(cf[rows, 3])), p_value = I(unname(cf[rows, 4])),
       F = a$F[2], F_df1 = a$Df[2], F_df2 = a$Res.Df[2], F_p = a$`Pr(>F)`[2],
       rss = deviance(fu), rss_year_only = deviance(fr))
}
tot <- tapply(ap$value, ap$year, sum)
qsh <- t(sapply(split(ap, ap$year), function(d) tapply(d$value, d$quarter, sum) / sum(d$value)))
msh <- t(sapply(split(ap, ap$year), function(d) d$value[order(d$month)] / sum(d$value)))

by_month <- lapply(split(aq, aq$Month), function(d) list(group = as.character(d$Month[1]), rows = nrow(d),
  stats = lapply(c("Ozone", "Solar.R", "Wind", "Temp"), function(v) summ(d[[v]], v))))

out <- list(
  generator = "test/reference/descriptives.R",
  versions = versions(c("stats", "e1071", "jsonlite")),
  datasets = list(
    airquality = list(source = "R datasets::airquality", data = frame_json(aq)),
    mtcars = list(source = "R datasets::mtcars (mpg, disp, hp, wt, qsec, cyl)", data = frame_json(mt)),
    AirPassengers = list(source = "R datasets::AirPassengers as (year, month, value)", data = frame_json(ap[, c("year", "month", "value")]))
  ),
  summary = list(
    airquality = lapply(c("Ozone", "Solar.R", "Wind", "Temp"), function(v) summ(aq[[v]], v)),
    mtcars = lapply(names(mt), function(v) summ(mt[[v]], v))
  ),
  summary_by_month = unname(by_month),
  quantiles = list(quant_case(aq$Ozone, "airquality$Ozone"), quant_case(mt$mpg, "mtcars$mpg"),
                   quant_case(mt$cyl, "mtcars$cyl (ties)")),
  correlations = list(
    airquality_pearson = cor_case(aq[, c("Ozone", "Solar.R", "Wind", "Temp")], "pearson"),
    airquality_spearman = cor_case(aq[, c("Ozone", "Solar.R", "Wind", "Temp")], "spearman"),
    mtcars_pearson = cor_case(mt, "pearson"),
    mtcars_spearman = cor_case(mt, "spearman")
  ),
  seasonality = list(
    years = I(as.double(names(tot))), annual_total = I(unname(as.double(tot))),
    quarter_share_by_year = unname(qsh), quarter_share_mean = I(unname(colMeans(qsh))),
    month_share_mean = I(unname(colMeans(msh))),
    log = season_case("log"), level = season_case("level"))
)
write_ref(out, file.path(here, "descriptives.json"))
cat("wrote", file.path(here, "descriptives.json"), "\n")
