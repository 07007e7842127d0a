"""Second, independent reference for OLS variances: Python statsmodels.

Writes test/reference/sm_ols.json (run by test/reference/generate.sh with /usr/bin/python3).

  iid       OLS(...).fit().cov_params()                     sigma^2 (X'X)^-1
  hc0..hc3  OLS(...).fit(cov_type="HC0".."HC3")
  cluster   OLS(...).fit(cov_type="cluster", cov_kwds={"groups": g}) — statsmodels' default
            use_correction=True: CR0 * G/(G-1) * (N-1)/(N-K), the Stata rule for a model without FE

Data: statsmodels.datasets.grunfeld (11 firms incl. American Steel, 220 rows) and
statsmodels.datasets.longley, embedded in the JSON. json.dump writes repr(float), which round-trips.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm

here = os.path.dirname(os.path.abspath(__file__))


def vjson(V, names):
    V = np.asarray(V)
    return {"names": list(names), "matrix": V.tolist(), "se": dict(zip(names, np.sqrt(np.diag(V)).tolist()))}


def ols_case(case_id, dsname, df, y, xs, cluster):
    X = sm.add_constant(df[xs].astype(float)).rename(columns={"const": "(Intercept)"})
    names = list(X.columns)
    Y = df[y].astype(float)
    m = sm.OLS(Y, X)
    r = m.fit()
    vc = [{"label": "iid", "spec": "iid", "ssc": "stata", "call": "sm.OLS(y, X).fit().cov_params()", "value": vjson(r.cov_params(), names)}]
    for t in ["HC0", "HC1", "HC2", "HC3"]:
        rr = m.fit(cov_type=t)
        vc.append({"label": t.lower(), "spec": t.lower(), "ssc": "stata", "call": f"sm.OLS(y, X).fit(cov_type='{t}')", "value": vjson(rr.cov_params(), names)})
    if cluster is not None:
        codes = pd.factorize(df[cluster])[0]
        rr = m.fit(cov_type="cluster", cov_kwds={"groups": codes})
        vc.append({"label": "cluster_stata", "spec": {"cluster": [cluster]}, "ssc": "stata",
                   "call": f"sm.OLS(y, X).fit(cov_type='cluster', cov_kwds={{'groups': {cluster}}})", "value": vjson(rr.cov_params(), names)})
    return {
        "id": case_id, "dataset": dsname, "model": "ols", "formula": f"{y} ~ {' + '.join(xs)}",
        "reference": f"Python statsmodels {statsmodels.__version__} OLS({y} ~ {' + '.join(xs)})",
        "coef": dict(zip(names, r.params.tolist())),
        "stats": {"nobs": int(r.nobs), "r2": r.rsquared, "adj_r2": r.rsquared_adj, "rss": r.ssr, "fstat": r.fvalue},
        "vcov": vc,
    }


gr = sm.datasets.grunfeld.load_pandas().data
gr["firm"] = gr["firm"].astype(str)
lo = sm.datasets.longley.load_pandas().data

datasets = {
    "GrunfeldSM": {"source": "statsmodels.datasets.grunfeld (220 rows, 11 firms)",
                   "data": {c: (gr[c].tolist()) for c in gr.columns}},
    "LongleySM": {"source": "statsmodels.datasets.longley", "data": {c: lo[c].tolist() for c in lo.columns}},
}
cases = [
    ols_case("sm_grunfeld_ols", "GrunfeldSM", gr, "invest", ["value", "capital"], "firm"),
    ols_case("sm_longley_ols", "LongleySM", lo, "TOTEMP", ["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"], None),
]
out = {
    "description": "statsmodels OLS with iid, HC0-HC3 and cluster variances (second reference)",
    "generator": "test/reference/sm_ols.py",
    "software": {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "numpy": np.__version__,
                 "pandas": pd.__version__, "scipy": scipy.__version__},
    "datasets": datasets,
    "cases": cases,
}
with open(os.path.join(here, "sm_ols.json"), "w") as f:
    json.dump(out, f)
print("wrote", os.path.join(here, "sm_ols.json"))
