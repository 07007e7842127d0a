# References for test/analysis (run: Rscript test/analysis/reference/generate.R).
# src/analysis/pca.ts: correlation-matrix PCA of R's built-in USArrests data.
# Writes pca.json and quantile.json beside this script.
library(jsonlite)
x <- datasets::USArrests
p <- prcomp(x, scale. = TRUE)
out <- list(
  software = paste0("R ", R.version$major, ".", R.version$minor, " stats::prcomp"),
  call = "prcomp(USArrests, scale. = TRUE)",
  names = colnames(x),
  data = lapply(colnames(x), function(n) x[[n]]),
  eigenvalues = p$sdev^2,
  rotation = lapply(seq_len(ncol(p$rotation)), function(k) unname(p$rotation[, k])),
  scores1 = unname(p$x[, 1])
)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(here, "pca.json"))

# Reference for quantile7/winsorize in src/analysis/sample.ts: R type-7 quantiles of a fixed vector.
v <- c(4, 1, 3, 2, 10, 7.5, -3, 0.25)
probs <- c(0, 0.01, 0.1, 0.5, 0.9, 0.99, 1)
q <- unname(quantile(v, probs, type = 7))
lo <- unname(quantile(v, 0.1, type = 7)); hi <- unname(quantile(v, 0.9, type = 7))
writeLines(toJSON(list(software = paste0("R ", R.version$major, ".", R.version$minor, " stats::quantile(type = 7)"),
  x = v, probs = probs, quantiles = q, winsor_lower = 0.1, winsor_upper = 0.9,
  winsorised = pmin(pmax(v, lo), hi)), digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(here, "quantile.json"))
