# Shared helpers for the reference generators in test/reference/*.R (sourced, not run by itself).
# Numbers are written with sprintf("%.17g"), which round-trips every IEEE double exactly
# (jsonlite 1.8.4 caps its output at 15 significant digits, which is not enough for 1e-8 checks
# near cancellation). Data sets are embedded in the JSON so the tests need no R at run time.
suppressPackageStartupMessages({
  library(jsonlite)
})

# Software versions, written into every fixture.
versions <- function(pkgs) {
  out <- list(R = R.version.string)
  for (p in pkgs) out[[p]] <- as.character(packageVersion(p))
  out
}

num_json <- function(v) {
  s <- sprintf("%.17g", v)
  s[is.na(v)] <- "null"  # NA and NaN
  s[is.infinite(v)] <- "null"
  s
}

# Minimal JSON writer: named list -> object, unnamed list -> array, atomic vector of length 1
# without class AsIs -> scalar, otherwise array. Factors are written as their labels.
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.factor(x)) x <- as.character(x)
  if (is.list(x)) {
    nm <- names(x)
    if (!is.null(nm) && length(x) > 0) {
      parts <- vapply(seq_along(x), function(i) paste0(toJSON(nm[[i]], auto_unbox = TRUE), ":", to_json(x[[i]])), "")
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    if (length(x) == 0 && !is.null(nm)) return("{}")
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  asis <- inherits(x, "AsIs")
  if (is.matrix(x)) {
    return(paste0("[", paste(vapply(seq_len(nrow(x)), function(i) to_json(I(unname(x[i, ]))), ""), collapse = ","), "]"))
  }
  if (is.numeric(x)) {
    s <- num_json(as.double(x))
    # integer-valued doubles print without a decimal point: fine for JSON
  } else if (is.logical(x)) {
    s <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    x <- as.character(x)
    s <- vapply(x, function(e) if (is.na(e)) "null" else as.character(toJSON(e, auto_unbox = TRUE)), "")
  }
  if (!is.null(names(x)) && !asis) {
    return(paste0("{", paste(paste0(vapply(names(x), function(e) as.character(toJSON(e, auto_unbox = TRUE)), ""), ":", s), collapse = ","), "}"))
  }
  if (length(s) == 1 && !asis) return(s)
  paste0("[", paste(s, collapse = ","), "]")
}

write_ref <- function(obj, file) {
  writeLines(to_json(obj), file)
  # round-trip check: every number must read back identically
  back <- fromJSON(file, simplifyVector = FALSE)
  invisible(back)
}

# A data.frame as named columns (factors as labels).
frame_json <- function(df) {
  out <- lapply(df, function(c) if (is.factor(c)) as.character(c) else if (is.numeric(c)) I(as.double(c)) else I(c))
  names(out) <- names(df)
  out
}

# A named coefficient vector -> object; a vcov matrix -> { names, matrix }.
coef_json <- function(v) as.list(v)
vcov_json <- function(V, ...) {
  extra <- list(...)
  c(list(names = I(rownames(V)), matrix = V, se = as.list(sqrt(diag(V)))), extra)
}

# Restrict a vcov (and coefficient vector) to the named coefficients (drops FE dummies).
sub_vcov <- function(V, keep) V[keep, keep, drop = FALSE]

# The plm panels shared by fe.R, panel.R and diagnostics.R, prepared identically:
#   Grunfeld  plm::Grunfeld (firm, year, inv, value, capital)
#   Produc    plm::Produc with lgsp = log(gsp), lpcap = log(pcap), lpc = log(pc), lemp = log(emp); state as text
#   EmplUK    plm::EmplUK (unbalanced) with lemp, lwage, lcapital, loutput = logs of emp, wage, capital, output
# Use: plm_data <- plm_panels(); invisible(list2env(plm_data, environment()))
plm_panels <- function() {
  e <- new.env()
  data("Grunfeld", "Produc", "EmplUK", package = "plm", envir = e)
  Grunfeld <- e$Grunfeld[, c("firm", "year", "inv", "value", "capital")]
  Produc <- e$Produc
  Produc$lgsp <- log(Produc$gsp); Produc$lpcap <- log(Produc$pcap)
  Produc$lpc <- log(Produc$pc); Produc$lemp <- log(Produc$emp)
  Produc <- Produc[, c("state", "year", "lgsp", "lpcap", "lpc", "lemp", "unemp")]
  Produc$state <- as.character(Produc$state)
  EmplUK <- e$EmplUK
  EmplUK$lemp <- log(EmplUK$emp); EmplUK$lwage <- log(EmplUK$wage); EmplUK$lcapital <- log(EmplUK$capital)
  EmplUK$loutput <- log(EmplUK$output)
  EmplUK <- EmplUK[, c("firm", "year", "lemp", "lwage", "lcapital", "loutput")]
  list(Grunfeld = Grunfeld, Produc = Produc, EmplUK = EmplUK)
}

# The `datasets` entry of a fixture for the shared panels (data embedded, with source notes);
# each fixture words the EmplUK note itself.
plm_datasets <- function(panels, emplUK_source) {
  list(
    Grunfeld = list(source = "R plm::Grunfeld", data = frame_json(panels$Grunfeld)),
    Produc = list(source = "R plm::Produc; lgsp = log(gsp), lpcap = log(pcap), lpc = log(pc), lemp = log(emp)", data = frame_json(panels$Produc)),
    EmplUK = list(source = emplUK_source, data = frame_json(panels$EmplUK))
  )
}

# Write test/reference/<name>.json: description, generator, software versions, datasets, then the
# named results in `...` (e.g. cases = cases), in that order.
write_fixture <- function(dir, name, description, pkgs, datasets, ...) {
  file <- file.path(dir, paste0(name, ".json"))
  write_ref(c(list(
    description = description,
    generator = paste0("test/reference/", name, ".R"),
    software = versions(pkgs),
    datasets = datasets
  ), list(...)), file)
  cat("wrote", file, "\n")
}
