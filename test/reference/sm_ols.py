"""Second, independent reference for OLS variances: Python statsmodels.

Writes test/reference/sm_ols.json (run by test/reference/generate.sh with /usr/bin/python3).

  iid       OLS(...).fit().cov_params()                     sigma^2 (X'X)^-1
  hc0..hc3  OLS(...).fit(cov_type="HC0".."HC3")
  cluster   OLS(...).fit(cov_type="cluster", cov_kwds={"groups": g}) — statsmodels' default
            use_correction=True: CR0 * G/(G-1) * (N-1)/(N-K), the Stata rule for a model without FE

  mpmath    the same Longley regression in 60-digit arithmetic (exact reference for the ill-conditioned case)

Data: statsmodels.datasets.grunfeld (11 firms incl. American Steel, 220 rows) and
statsmodels.datasets.longley, embedded in the JSON. json.dump writes repr(float), which round-trips.
"""
import json
import os
import sys

import mpmath
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


def mp_ols_case(case_id, dsname, df, y, xs, dps=60):
    """OLS and its iid/HC0-HC3 variances in mpmath arithmetic with `dps` significant digits, from the
    double-precision data (converted exactly). With cond(X'X) ~ 1e16 or more (Longley), double-precision
    references (statsmodels, R) agree only to ~1e-8 on HC variances; this one is exact to far beyond 1e-15."""
    mpmath.mp.dps = dps
    names = ["(Intercept)"] + xs
    n = len(df)
    X = mpmath.matrix([[1] + [mpmath.mpf(float(df[c].iloc[i])) for c in xs] for i in range(n)])
    Y = mpmath.matrix([mpmath.mpf(float(df[y].iloc[i])) for i in range(n)])
    k = len(names)
    XtX = X.T * X
    B = mpmath.inverse(XtX)
    b = B * (X.T * Y)
    e = Y - X * b
    rss = sum(e[i] ** 2 for i in range(n))
    s2 = rss / (n - k)
    h = [sum(X[i, a] * B[a, c] * X[i, c] for a in range(k) for c in range(k)) for i in range(n)]

    def sandwich(omega):
        M = mpmath.matrix(k, k)
        for i in range(n):
            for a in range(k):
                for c in range(k):
                    M[a, c] += X[i, a] * X[i, c] * omega[i]
        return B * M * B

    def tofloat(V):
        return [[float(V[a, c]) for c in range(k)] for a in range(k)]

    e2 = [e[i] ** 2 for i in range(n)]
    Vs = {
        "iid": B * s2,
        "hc0": sandwich(e2),
        "hc1": sandwich(e2) * (mpmath.mpf(n) / (n - k)),
        "hc2": sandwich([e2[i] / (1 - h[i]) for i in range(n)]),
        "hc3": sandwich([e2[i] / (1 - h[i]) ** 2 for i in range(n)]),
    }
    vc = [{"label": lab, "spec": lab, "ssc": "stata", "call": f"mpmath ({dps} digits) {lab}", "value": vjson(np.array(tofloat(V)), names)} for lab, V in Vs.items()]
    return {
        "id": case_id, "dataset": dsname, "model": "ols", "formula": f"{y} ~ {' + '.join(xs)}",
        "reference": f"Python mpmath {mpmath.__version__} ({dps}-digit) OLS({y} ~ {' + '.join(xs)}): b = (X'X)^-1 X'y, sandwich HC0-HC3",
        "coef": dict(zip(names, [float(b[j]) for j in range(k)])),
        "stats": {"nobs": n, "rss": float(rss)},
        "vcov": vc,
    }


def max_rel_vs(case, exact):
    """Largest error of each statsmodels variance against the high-precision one (covariance scale)."""
    out = {}
    ex = {v["label"]: np.array(v["value"]["matrix"]) for v in exact["vcov"]}
    for v in case["vcov"]:
        if v["label"] not in ex:
            continue
        A = np.array(v["value"]["matrix"]); E = ex[v["label"]]
        d = np.sqrt(np.abs(np.outer(np.diag(E), np.diag(E))))
        out[v["label"]] = float(np.max(np.abs(A - E) / d))
    return out


gr = sm.datasets.grunfeld.load_pandas().data
gr["firm"] = gr["firm"].astype(str)
lo = sm.datasets.longley.load_pandas().data

datasets = {
    "GrunfeldSM": {"source": "statsmodels.datasets.grunfeld (220 rows, 11 firms)",
                   "data": {c: (gr[c].tolist()) for c in gr.columns}},
    "LongleySM": {"source": "statsmodels.datasets.longley", "data": {c: lo[c].tolist() for c in lo.columns}},
}
lx = ["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"]
sm_longley = ols_case("sm_longley_ols", "LongleySM", lo, "TOTEMP", lx, None)
mp_longley = mp_ols_case("mp_longley_ols", "LongleySM", lo, "TOTEMP", lx)
# statsmodels' own error on this ill-conditioned problem, so the test can allow for it
sm_longley["reference_error_vs_mpmath"] = max_rel_vs(sm_longley, mp_longley)
cases = [
    ols_case("sm_grunfeld_ols", "GrunfeldSM", gr, "invest", ["value", "capital"], "firm"),
    sm_longley,
    mp_longley,
]
out = {
    "description": "statsmodels OLS with iid, HC0-HC3 and cluster variances (second reference)",
    "generator": "test/reference/sm_ols.py",
    "software": {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "mpmath": mpmath.__version__, "numpy": np.__version__,
                 "pandas": pd.__version__, "scipy": scipy.__version__},
    "datasets": datasets,
    "cases": cases,
}
with open(os.path.join(here, "sm_ols.json"), "w") as f:
    json.dump(out, f)
print("wrote", os.path.join(here, "sm_ols.json"))
