#!/usr/bin/env bash
# `npm run references`: regenerate every reference fixture from its committed generator. Runs every
# test/reference/*.R and test/*/reference/generate.R (e.g. test/analysis/reference/generate.R) with Rscript,
# and every test/reference/*.py with Debian's /usr/bin/python3 (the pyenv python3 on PATH does not
# see python3-statsmodels). Each generator writes its JSON next to itself, with the software versions
# inside. Shared R helpers live in test/reference/lib/ (sourced, not run).
# Needs: r-base-core r-cran-plm r-cran-sandwich r-cran-lmtest r-cran-aer r-cran-estimatr
#        r-cran-jsonlite python3-statsmodels.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-/usr/bin/python3}"
status=0
shopt -s nullglob
for f in "$dir"/*.R "$dir"/../*/reference/generate.R; do
  echo "== Rscript $(basename "$f")"
  if ! Rscript --vanilla "$f"; then echo "FAILED: $f" >&2; status=1; fi
done
for f in "$dir"/*.py; do
  echo "== $py $(basename "$f")"
  if ! "$py" "$f"; then echo "FAILED: $f" >&2; status=1; fi
done
exit $status
