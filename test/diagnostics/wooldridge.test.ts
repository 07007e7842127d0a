// Unit tests of src/diagnostics/wooldridge.ts (R comparison: diagnostics.test.ts, plm::pwfdtest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { makeFrame } from "../../src/frame";
import { wooldridgeFromResiduals, wooldridgeSerialTest } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

const panel = { id: "id", time: "year" };

// reference: the auxiliary regression run through the engine itself — pooled OLS of ê_t on ê_{t−1}
// with the CR0 cluster variance (ssc "none"): F = ((ρ̂ − ρ₀)/se)² (Wooldridge 2002 §10.4.1).
test("Wooldridge F equals the squared cluster-robust t of the AR(1) coefficient of the FD residuals", () => {
  const d = syntheticPanel({ n: 40, t: 7, seed: 13, ar: 0.6 });
  const fd = fit(d, "y ~ x1 + x2", { model: "fd", panel });
  const e = fd.internals.resid;
  const id = fd.internals.panelId!;
  const tm = fd.internals.panelTime!;
  const order = Array.from(e, (_, i) => i).sort((a, b) => id[a]! - id[b]! || tm[a]! - tm[b]!);
  const cur: number[] = [];
  const lag: number[] = [];
  const unit: string[] = [];
  for (let j = 1; j < order.length; j++) {
    if (id[order[j]!] === id[order[j - 1]!]) {
      cur.push(e[order[j]!]!);
      lag.push(e[order[j - 1]!]!);
      unit.push(String(id[order[j]!]));
    }
  }
  const aux = fit(makeFrame({ e: Float64Array.from(cur), elag: Float64Array.from(lag), unit }), "e ~ elag", { vcov: { cluster: ["unit"] }, ssc: "none" });
  const i = aux.coefNames.indexOf("elag");
  for (const [h0, rho0] of [["fe", -0.5], ["fd", 0]] as const) {
    const w = wooldridgeSerialTest(fd, { h0 });
    const t = (aux.coef[i]! - rho0) / aux.se[i]!;
    assert.ok(Math.abs(w.statistic - t * t) <= 1e-9 * t * t, `${h0}: ${w.statistic} vs ${t * t}`);
    assert.deepEqual(w.df, [1, cur.length - 2]);
  }
  // AR(0.6) errors in levels: the "no serial correlation in levels" null is rejected
  assert.ok(wooldridgeSerialTest(fd).pValue < 0.01);
});

test("Wooldridge test needs an fd fit with panel codes, and ≥ 3 residual pairs", () => {
  const d = syntheticPanel({ n: 10, t: 4, seed: 1 });
  assert.throws(() => wooldridgeSerialTest(fit(d, "y ~ x1 | id", { panel })), /needs a first-difference/);
  assert.throws(() => wooldridgeFromResiduals(Float64Array.of(1, 2), [0, 0], [1, 2]), /fewer than 3 residual pairs/);
});
