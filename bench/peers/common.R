# Shared helpers of the R peers (bench/peers/*.R). Each peer is run as
#   Rscript bench/peers/<peer>.R <csv> <K>
# and prints one line "BENCH_JSON {...}" with readSeconds, fitSeconds (proc.time elapsed around the
# read and around fit+SE only), the x1 estimate and its SE, and nobs.
suppressPackageStartupMessages(library(data.table))
bench_args <- function() {
  a <- commandArgs(trailingOnly = TRUE)
  list(csv = a[[1]], K = as.integer(a[[2]]))
}
bench_elapsed <- function() proc.time()[["elapsed"]]
bench_formula <- function(K, lhs = "y") paste(lhs, "~", paste0("x", seq_len(K), collapse = " + "))
bench_emit <- function(read, fit, estimate, se, nobs, note = "") {
  cat(sprintf('BENCH_JSON {"readSeconds":%.6f,"fitSeconds":%.6f,"estimate":%.17g,"se":%.17g,"nobs":%d,"note":"%s","version":"%s"}\n',
              read, fit, estimate, se, as.integer(nobs), note, R.version.string))
}
