// One source of truth for §2: the path notebook 02 takes (descriptiveStudy → descriptiveClaims,
// descriptiveTables) and the analysis run behind notebook 04 and the report (runAnalysis →
// buildScorecard rows D1–D6, report tables T1–T4) give the same verdicts and the same tables on the
// real panel.
// reference: the rules of src/analysis/scorecard.ts (unit-tested in scorecard.test.ts); this test
// checks that both paths use them, on the shared data (data-directory setting).
import { test } from "node:test";
import assert from "node:assert/strict";
import { sharedDataDir } from "../fixtures/data";
import { descriptiveTables } from "../../src/stats/index";
import { descriptiveClaims, DESCRIPTIVE_CLAIMS } from "../../src/analysis/descriptiveClaims";
import { loadParams } from "../../src/analysis/params";
import { descriptiveStudy, runAnalysis } from "../../src/analysis/index";

const dataDir = sharedDataDir();

test("notebook 02 and the scorecard (T9) give the same verdict for every §2 claim on the real panel", { skip: dataDir ? false : "shared data not found" }, () => {
  const params = loadParams();
  // notebook 02, cells 1–3 (same calls)
  const study = descriptiveStudy(params, dataDir);
  const notebook = descriptiveClaims(study.analysis, params, study.panel.frame);
  // notebook 04 / report: the analysis run (robustness and curve do not enter §2 claims)
  const run = runAnalysis(params, { dataDir, robustness: false, specCurve: false });
  const scorecard = run.scorecard;
  // the report's T1–T4 are descriptiveTables(run.descriptive): the same tables as notebook 02 shows
  assert.deepEqual(descriptiveTables(run.descriptive), descriptiveTables(study.analysis));
  assert.equal(run.study.frame.nrow, study.frame.nrow);
  assert.deepEqual(notebook.map((r) => r.id), DESCRIPTIVE_CLAIMS.map((c) => c.id));
  for (const r of notebook) {
    const s = scorecard.find((x) => x.id === r.id);
    assert.ok(s, `scorecard has no row ${r.id}`);
    assert.equal(s.claim, r.claim, r.id);
    assert.equal(s.outcome.rule, r.outcome.rule, `${r.id}: rule`);
    assert.equal(r.outcome.verdict, s.outcome.verdict, `${r.id} (${r.claim}): notebook 02 ${r.outcome.verdict} [${r.outcome.statistic}] vs scorecard ${s.outcome.verdict} [${s.outcome.statistic}]`);
    assert.notEqual(r.outcome.verdict, "not testable", `${r.id} should be testable on the real data: ${r.outcome.statistic}`);
  }
});
