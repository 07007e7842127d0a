/**
 * `bri-cbec fit` — estimate a model on a CSV file and print a coefficient table (or JSON).
 *
 *   bri-cbec fit --data FILE.csv --formula "y ~ x1 + x2 | id + year"
 *                [--model ols|fe|re|be|fd|ppml|iv] [--vcov iid|hc0|hc1|hc2|hc3|cluster:VAR|cluster:V1+V2|dk|dk:LAG]
 *                [--panel ID,TIME] [--effect individual|time|twoways] [--weights VAR]
 *                [--ssc stata|fixest|full|none|hc1|conventional] [--json]
 *
 * Exit codes: 0 success, 1 bad input / estimation error (message names what and where), 2 usage.
 * JSON shape: docs/fit-json.md.
 */
import { statSync } from "node:fs";
import { readCsvTable } from "../data/csv";
import { type Frame, isNumeric } from "../frame";
import { parseFormula, exprVariables, type Expr } from "../estimate/formula";
import { fit } from "../estimate/index";
import { startHelperThread } from "../estimate/parallel";
import type { FitOptions, FitResult, ModelKind, PanelEffect, SscName } from "../estimate/types";
import { parseVcovSpec } from "../vcov/spec";
import { SSC_PRESETS } from "../vcov/ssc";
import { waldF } from "../results/fitResult";

export const summary = "estimate OLS/FE/RE/BE/FD/2SLS/PPML on a CSV file (fixest-style formula)";

const HELP = `usage: bri-cbec fit --data FILE.csv --formula "y ~ x1 + x2 | fe1 + fe2" [options]

options:
  --data FILE.csv        input data (header row; numeric columns detected automatically)
  --formula "..."        y ~ x1 + log(x2) + lag(x3, 1) + i(region) | fe1 + fe2
                         IV: y ~ exog | fe | endo ~ inst1 + inst2   (or y ~ exog | endo ~ inst)
  --model M              ols (default) | fe | re | be | fd | iv | ppml
  --vcov V               iid (default) | hc0 | hc1 | hc2 | hc3 | cluster:VAR | cluster:VAR1+VAR2 | dk | dk:LAG
  --panel ID,TIME        panel identifiers (needed by fe without '| FE', re, be, fd, lag(), dk)
  --effect E             individual (default) | time | twoways   (fe from --panel)
  --weights VAR          analytic weights
  --ssc NAME             small-sample correction: ${Object.keys(SSC_PRESETS).join(" | ")} (default stata)
  --json                 print one JSON object (docs/fit-json.md) instead of the table
`;

class UsageError extends Error {}

/** Files from this size on (≈ 50 000 rows of ten numbers) start the helper thread before they are read. */
const HELPER_EARLY_BYTES = 4 << 20;

/** Size of a file in bytes (0 when it cannot be read: the reader then reports the error). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

interface Args {
  data?: string;
  formula?: string;
  model?: string;
  vcov?: string;
  panel?: string;
  effect?: string;
  weights?: string;
  ssc?: string;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, help: false };
  const valued = new Set(["data", "formula", "model", "vcov", "panel", "effect", "weights", "ssc"]);
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === "--json") a.json = true;
    else if (tok === "--help" || tok === "-h") a.help = true;
    else if (tok.startsWith("--")) {
      const eq = tok.indexOf("=");
      const key = tok.slice(2, eq < 0 ? undefined : eq);
      if (!valued.has(key)) throw new UsageError(`unknown option '${tok}'`);
      const val = eq < 0 ? argv[++i] : tok.slice(eq + 1);
      if (val === undefined) throw new UsageError(`option --${key} needs a value`);
      (a as unknown as Record<string, string>)[key] = val;
    } else throw new UsageError(`unexpected argument '${tok}'`);
  }
  return a;
}

const MODELS: readonly ModelKind[] = ["ols", "fe", "re", "be", "fd", "iv", "ppml"];
const EFFECTS: readonly PanelEffect[] = ["individual", "time", "twoways"];

function toOptions(a: Args): FitOptions {
  const opts: { -readonly [K in keyof FitOptions]: FitOptions[K] } = {};
  if (a.model !== undefined) {
    if (!MODELS.includes(a.model as ModelKind)) throw new UsageError(`--model '${a.model}' (use ${MODELS.join("|")})`);
    opts.model = a.model as ModelKind;
  }
  if (a.vcov !== undefined) {
    try {
      opts.vcov = parseVcovSpec(a.vcov);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (a.panel !== undefined) {
    const parts = a.panel.split(",").map((s) => s.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(`--panel '${a.panel}' must be ID,TIME (two column names)`);
    opts.panel = { id: parts[0], time: parts[1] };
  }
  if (a.effect !== undefined) {
    if (!EFFECTS.includes(a.effect as PanelEffect)) throw new UsageError(`--effect '${a.effect}' (use ${EFFECTS.join("|")})`);
    opts.effect = a.effect as PanelEffect;
  }
  if (a.weights !== undefined) opts.weights = a.weights;
  if (a.ssc !== undefined) {
    if (!(a.ssc in SSC_PRESETS)) throw new UsageError(`--ssc '${a.ssc}' (use ${Object.keys(SSC_PRESETS).join("|")})`);
    opts.ssc = a.ssc as SscName;
  }
  return opts;
}

/** Columns the model reads as numbers (i() arguments and FE/cluster ids may be text). */
function numericVariables(formula: string, opts: FitOptions): string[] {
  const f = parseFormula(formula);
  const out: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "call" && e.fn === "i") return;
    if (e.kind === "call") e.args.forEach(visit);
    else exprVariables(e, out);
  };
  for (const t of [f.response, ...f.terms, ...f.endogenous, ...f.instruments]) visit(t.expr);
  if (opts.weights) out.push(opts.weights);
  if (opts.panel) out.push(opts.panel.time);
  return [...new Set(out)];
}

/**
 * Read the CSV with numeric columns detected automatically; a variable the model needs as a number
 * that came out as text is re-read as numeric, so the reader's error names file, row and column of
 * the first cell that is not a number.
 */
function readData(path: string, formula: string, opts: FitOptions): Frame {
  const t = readCsvTable(path, { numeric: "auto" });
  const need = numericVariables(formula, opts).filter((v) => t.frame.names.includes(v));
  const bad = need.filter((v) => !isNumeric(t.frame.columns[v]!));
  if (bad.length === 0) return t.frame;
  const numeric = t.frame.names.filter((nm) => isNumeric(t.frame.columns[nm]!) || bad.includes(nm));
  return readCsvTable(path, { numeric }).frame; // throws DataError(file, row, column)
}

/** PPML (src/estimate/ppml.ts) is imported only when asked for. */
async function runPpml(data: Frame, formula: string, opts: FitOptions): Promise<FitResult> {
  const { fitPpml } = await import("../estimate/ppml");
  return fitPpml(data, formula, opts);
}

function fmt(x: number, width: number, digits = 6): string {
  if (Number.isNaN(x)) return "NA".padStart(width);
  const a = Math.abs(x);
  const s = a !== 0 && (a >= 1e6 || a < 1e-4) ? x.toExponential(digits - 2) : x.toPrecision(digits);
  return s.padStart(width);
}

function fmtP(p: number): string {
  if (Number.isNaN(p)) return "NA";
  return p < 2.2e-16 ? "<2.2e-16" : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

/**
 * Human-readable coefficient table (R summary / Stata style) of a fit.
 *
 * @example
 * process.stdout.write(formatFitTable(fit(frame, "y ~ x")));
 */
export function formatFitTable(r: FitResult): string {
  const L: string[] = [];
  const modelName: Record<string, string> = {
    ols: "OLS",
    fe: "Fixed effects (within)",
    re: "Random effects (Swamy–Arora)",
    be: "Between",
    fd: "First differences",
    iv: "2SLS (instrumental variables)",
    ppml: "Poisson PML",
  };
  L.push(`${modelName[r.model] ?? r.model}${r.effect ? ` [${r.effect}]` : ""}:  ${r.formula}`);
  const d = r.dropped;
  L.push(`Observations: ${r.nobs}   dropped: ${d.missing} missing, ${d.singleton} singleton${d.separation ? `, ${d.separation} separated` : ""}`);
  const fes = Object.entries(r.feGroups);
  if (fes.length) L.push(`Fixed effects: ${fes.map(([k, g]) => `${k} (${g})`).join(", ")}`);
  const cl = Object.entries(r.clusters);
  const dfTxt = r.statKind === "z" ? "normal" : `t(${r.dfT})`;
  L.push(`Standard errors: ${r.vcovType}${cl.length ? ` — clusters: ${cl.map(([k, g]) => `${k} ${g}`).join(", ")}` : ""}; inference ${dfTxt}`);
  L.push("");
  const nameW = Math.max(12, ...r.coefNames.map((n) => n.length)) + 1;
  const sk = r.statKind === "z" ? "z value" : "t value";
  L.push(`${"".padEnd(nameW)}${"Estimate".padStart(13)}${"Std. Error".padStart(13)}${sk.padStart(10)}${`Pr(>|${r.statKind}|)`.padStart(12)}     ${"[95% conf. interval]".padStart(24)}`);
  const ci = r.confInt(0.95);
  r.coefNames.forEach((nm, i) => {
    L.push(
      `${nm.padEnd(nameW)}${fmt(r.coef[i]!, 13)}${fmt(r.se[i]!, 13)}${fmt(r.stat[i]!, 10, 4)}${fmtP(r.pValue[i]!).padStart(12)} ${stars(r.pValue[i]!).padEnd(4)}${fmt(ci[i]![0]!, 12)}${fmt(ci[i]![1]!, 12)}`,
    );
  });
  L.push("---");
  L.push("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1");
  if (r.model === "ppml") {
    L.push(`Log-likelihood: ${fmt(r.logLik ?? NaN, 0, 8)}   deviance: ${fmt(r.deviance ?? NaN, 0, 8)}   pseudo R²: ${fmt(r.pseudoR2 ?? NaN, 0, 6)}`);
  } else {
    L.push(`Residual std. error: ${fmt(r.sigma, 0, 6)} on ${r.dfResid} df`);
    L.push(`R²: ${fmt(r.r2, 0, 6)}   adj. R²: ${fmt(r.adjR2, 0, 6)}${r.withinR2 !== null ? `   within R²: ${fmt(r.withinR2, 0, 6)}` : ""}`);
  }
  if (r.fDf[0] > 0) {
    const pTxt = fmtP(r.fPValue);
    L.push(`Wald test, all slopes = 0: F(${r.fDf[0]}, ${Number.isFinite(r.fDf[1]) ? r.fDf[1] : "Inf"}) = ${fmt(r.fStat, 0, 6)}, p ${pTxt.startsWith("<") ? pTxt : "= " + pTxt}`);
  }
  if (r.re) {
    L.push(`Variance components: σ²_ε = ${fmt(r.re.sigma2Idios, 0, 6)}, σ²_u = ${fmt(r.re.sigma2Indiv, 0, 6)}, θ = ${fmt(r.re.thetaMean, 0, 6)}${new Set(r.re.theta).size > 1 ? " (mean; unbalanced)" : ""}`);
  }
  if (r.endogenous.length) {
    L.push(`Endogenous: ${r.endogenous.join(", ")}   instruments: ${r.instruments.join(", ")}`);
    r.firstStage?.forEach((fs, j) => {
      const idx = r.instruments.map((nm) => fs.coefNames.indexOf(nm)).filter((i) => i >= 0);
      const F = waldF(fs.coef, fs.vcov, idx, fs.dfT);
      L.push(`First stage (${r.endogenous[j]}): F(excluded instruments; ${fs.vcovType}) = ${fmt(F.stat, 0, 6)} on (${F.df1}, ${F.df2}) df, p = ${fmtP(F.p)}`);
    });
  }
  if (r.iterations) L.push(`Iterations: ${r.iterations}${r.converged ? "" : " (NOT converged)"}`);
  for (const reason of d.reasons) L.push(`Dropped: ${reason}`);
  for (const note of r.notes) L.push(`Note: ${note}`);
  return L.join("\n") + "\n";
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  let opts: FitOptions;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (!args.data) throw new UsageError("--data FILE.csv is required");
    if (!args.formula) throw new UsageError('--formula "y ~ x" is required');
    opts = toOptions(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bri-cbec fit: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  // a large file: the estimation's helper thread starts while the file is read (no start-up wait later)
  if (fileBytes(args.data) >= HELPER_EARLY_BYTES) startHelperThread();
  const data = readData(args.data, args.formula, opts);
  let result: FitResult;
  try {
    result = opts.model === "ppml" ? await runPpml(data, args.formula, opts) : fit(data, args.formula, opts);
  } catch (e) {
    // name the file: errors from the engine name variables; the CLI adds where they came from
    throw new Error(`${args.data}: ${(e as Error).message}`);
  }
  if (args.json) process.stdout.write(JSON.stringify(result.toJSON(), null, 2) + "\n");
  else process.stdout.write(formatFitTable(result));
  return 0;
}
