// Accuracy on the NIST StRD linear-regression problems (certified values read from Debian gretl-data's
// /usr/share/gretl/data/nist/*.dat by bench/accuracy.ts; nothing typed). Same measure as
// `npm run bench:accuracy`: LRE = −log10(|q − c|/|c|) (McCullough 1998).
// reference: NIST/ITL StRD, Linear Least Squares Regression (certified to 15 digits).
// Goals (issue 3): ≥ 10 digits on Norris, Pontius, NoInt1/2, Longley; ≥ 7 on Wampler1–5 and Filip,
// or an explicit refusal in the fit's notes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GOALS, nistDir, parseNist, runProblem } from "../../bench/accuracy";

test(`NIST StRD files are present in ${nistDir} (Debian gretl-data)`, () => {
  assert.ok(existsSync(nistDir), `${nistDir} missing: install gretl-data or set NIST_DIR`);
  const have = readdirSync(nistDir).map((f) => f.replace(/\.dat$/, ""));
  for (const p of Object.keys(GOALS)) assert.ok(have.includes(p), `${p}.dat missing in ${nistDir}`);
});

for (const [name, goal] of Object.entries(GOALS)) {
  test(`NIST ${name}: coefficients and SEs to ≥ ${goal} digits (or an explicit refusal)`, () => {
    const p = parseNist(join(nistDir, `${name}.dat`));
    assert.equal(p.data.length > 0 && p.params.length > 0, true);
    const r = runProblem(p);
    if (r.refused) {
      // refusal must be explicit, and the QR must still be able to reach the goal when told to keep all columns
      assert.match(r.refused, /ill-?condition/i); // the refusal names the ill-conditioning (issue 3)
      assert.ok(r.qrTight && r.qrTight.minCoefLRE >= goal && r.qrTight.minSeLRE >= goal, JSON.stringify(r.qrTight));
      return;
    }
    assert.ok(r.minCoefLRE >= goal, `${name}: coefficient LRE ${r.minCoefLRE.toFixed(2)} < ${goal} (${JSON.stringify(r.coefLRE)})`);
    assert.ok(r.minSeLRE >= goal, `${name}: SE LRE ${r.minSeLRE.toFixed(2)} < ${goal} (${JSON.stringify(r.seLRE)})`);
  });
}
