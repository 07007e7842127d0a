"""Peer (small sizes): statsmodels OLS with entity and period dummies, cluster-robust by id
(statsmodels' default correction G/(G-1)·(N-1)/(N-K), K counts every dummy).
Run: /usr/bin/python3 bench/peers/statsmodels_ols.py <csv> <K>; prints one BENCH_JSON line."""
import json
import sys
import time

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

csv, K = sys.argv[1], int(sys.argv[2])
t0 = time.perf_counter()
d = pd.read_csv(csv)
t1 = time.perf_counter()
xs = [f"x{k}" for k in range(1, K + 1)]
X = pd.concat(
    [d[xs], pd.get_dummies(d["id"], prefix="id", drop_first=True, dtype=float),
     pd.get_dummies(d["t"], prefix="t", drop_first=True, dtype=float)], axis=1)
X = sm.add_constant(X)
m = sm.OLS(d["y"].to_numpy(), X.to_numpy()).fit(cov_type="cluster", cov_kwds={"groups": d["id"].to_numpy()})
est, se = float(m.params[1]), float(m.bse[1])
t2 = time.perf_counter()
print("BENCH_JSON " + json.dumps({"readSeconds": t1 - t0, "fitSeconds": t2 - t1, "estimate": est, "se": se,
                                  "nobs": int(m.nobs), "note": "", "version": "statsmodels " + statsmodels.__version__}))
