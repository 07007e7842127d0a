/**
 * Evaluating formula terms on a Frame into column-major design columns (NaN = missing).
 */
import { type Frame, isNumeric, column, codeColumn } from "../frame";
import { type Expr, type Term, exprLabel } from "./formula";
import { factorize } from "./demean";

/** Panel structure over ALL rows of a frame: id codes, numeric time, and rows of each id by time. */
export interface PanelIndex {
  readonly idName: string;
  readonly timeName: string;
  /** id code per row (−1 when id or time is missing). */
  readonly id: Int32Array;
  readonly idLevels: readonly string[];
  /** time value per row (NaN when missing). */
  readonly time: Float64Array;
  /** For each id code, its rows sorted by time. */
  readonly rowsById: readonly Int32Array[];
}

/**
 * Index a panel by (id, time). Time must be numeric; (id, time) pairs must be unique (the error
 * names the two rows).
 *
 * @example
 * const p = buildPanelIndex(frame, "iso3", "year");
 * p.rowsById[0]; // rows of the first country, in year order
 */
export function buildPanelIndex(frame: Frame, idName: string, timeName: string): PanelIndex {
  const idCol = column(frame, idName);
  const tCol = column(frame, timeName);
  if (!isNumeric(tCol)) throw new Error(`panel time variable '${timeName}' must be numeric (e.g. a year)`);
  const n = frame.nrow;
  const idVals: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = idCol[i];
    idVals[i] = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : String(v);
  }
  const okRows: number[] = [];
  for (let i = 0; i < n; i++) if (idVals[i] !== null && !Number.isNaN(tCol[i]!)) okRows.push(i);
  const raw = isNumeric(idCol) ? okRows.map((i) => idCol[i]!) : okRows.map((i) => idVals[i]!);
  const { codes, levels } = factorize(raw);
  const id = new Int32Array(n).fill(-1);
  okRows.forEach((r, j) => (id[r] = codes[j]!));
  const buckets: number[][] = levels.map(() => []);
  for (const r of okRows) buckets[id[r]!]!.push(r);
  const rowsById = buckets.map((b) => {
    b.sort((a, c) => tCol[a]! - tCol[c]!);
    for (let j = 1; j < b.length; j++) {
      if (tCol[b[j]!] === tCol[b[j - 1]!]) {
        throw new Error(`panel: duplicate (${idName}, ${timeName}) = (${idVals[b[j]!]}, ${tCol[b[j]!]}) at rows ${b[j - 1]! + 1} and ${b[j]! + 1}`);
      }
    }
    return Int32Array.from(b);
  });
  return { idName, timeName, id, idLevels: levels, time: tCol, rowsById };
}

/**
 * Lag of x by k time units within each panel id: out[i] = x[j] where id[j] = id[i] and
 * time[j] = time[i] − k; NaN if that period is absent (a gap), as plm::lag / fixest l().
 * Negative k gives leads.
 *
 * @example
 * // one id, years 2000, 2001, 2003
 * panelLag(Float64Array.of(1, 2, 3), p, 1); // Float64Array [NaN, 1, NaN]
 */
export function panelLag(x: Float64Array, panel: PanelIndex, k: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const t = panel.time;
  for (const rows of panel.rowsById) {
    for (let j = 0; j < rows.length; j++) {
      const target = t[rows[j]!]! - k;
      // binary search for target among rows sorted by time
      let lo = 0;
      let hi = rows.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const tm = t[rows[mid]!]!;
        if (tm === target) {
          out[rows[j]!] = x[rows[mid]!]!;
          break;
        }
        if (tm < target) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }
  return out;
}

/** Design columns produced by one term (i() gives several). */
export interface EvaluatedTerm {
  readonly names: string[];
  readonly columns: Float64Array[];
}

function unary(x: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = f(x[i]!);
    out[i] = Number.isFinite(v) ? v : NaN; // log(0) etc. become missing (counted by the caller)
  }
  return out;
}

function evalNumeric(frame: Frame, e: Expr, panel: PanelIndex | null): Float64Array {
  if (e.kind === "num") return new Float64Array(frame.nrow).fill(e.value);
  if (e.kind === "var") {
    const c = column(frame, e.name);
    if (!isNumeric(c)) throw new Error(`variable '${e.name}' is text, not numeric (use i(${e.name}) for dummies of its levels)`);
    return c;
  }
  const label = exprLabel(e);
  const arg = (j: number): Expr => {
    const a = e.args[j];
    if (!a) throw new Error(`formula: ${e.fn}() needs ${j + 1} argument(s) in '${label}'`);
    return a;
  };
  switch (e.fn) {
    case "log":
      return unary(evalNumeric(frame, arg(0), panel), Math.log);
    case "log1p":
      return unary(evalNumeric(frame, arg(0), panel), Math.log1p);
    case "exp":
      return unary(evalNumeric(frame, arg(0), panel), Math.exp);
    case "sqrt":
      return unary(evalNumeric(frame, arg(0), panel), Math.sqrt);
    case "abs":
      return unary(evalNumeric(frame, arg(0), panel), Math.abs);
    case "lag":
    case "l":
    case "lead": {
      if (!panel) throw new Error(`formula: ${label} needs the panel structure (give --panel ID,TIME / options.panel)`);
      const kExpr = e.args[1] ?? { kind: "num", value: 1 };
      if (kExpr.kind !== "num" || !Number.isInteger(kExpr.value)) throw new Error(`formula: the lag in '${label}' must be an integer`);
      const k = e.fn === "lead" ? -kExpr.value : kExpr.value;
      return panelLag(evalNumeric(frame, arg(0), panel), panel, k);
    }
    case "i":
      throw new Error(`formula: i() cannot be nested inside another function ('${label}')`);
    default:
      throw new Error(`formula: unknown function '${e.fn}'`);
  }
}

/**
 * Evaluate a formula term to design columns over all rows of the frame. `i(var)` expands to one
 * dummy per level except the first in sorted order (named `var::level`); any other term gives one
 * column named by its label.
 *
 * @example
 * evalTerm(frame, { label: "log(x)", expr: parseExpr("log(x)") }, null).columns[0];
 */
export function evalTerm(frame: Frame, term: Term, panel: PanelIndex | null): EvaluatedTerm {
  const e = term.expr;
  if (e.kind === "call" && e.fn === "i") {
    const a = e.args[0];
    if (!a || a.kind !== "var" || e.args.length !== 1) throw new Error(`formula: i() takes one column name, got '${term.label}'`);
    const c = column(frame, a.name);
    const n = frame.nrow;
    const ok: number[] = [];
    for (let r = 0; r < n; r++) {
      const v = c[r];
      if (!(v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)))) ok.push(r);
    }
    const vals = isNumeric(c) ? ok.map((r) => c[r]!) : ok.map((r) => c[r] as string);
    const { codes, levels } = factorize(vals);
    const cols = levels.slice(1).map(() => new Float64Array(n).fill(NaN));
    for (const col of cols) for (const r of ok) col[r] = 0;
    ok.forEach((r, j) => {
      const g = codes[j]!;
      if (g > 0) cols[g - 1]![r] = 1;
    });
    return { names: levels.slice(1).map((l) => `${a.name}::${l}`), columns: cols };
  }
  return { names: [term.label], columns: [evalNumeric(frame, e, panel)] };
}

/**
 * Codes of an integer-valued numeric column (NaN → −1) from two passes over the values (range, then
 * offsets from the minimum; a third, over the codes, only when some value of the range is absent), levels sorted
 * numerically as String(value) — the same result as factorize() on the non-missing values; null
 * when a value is not an integer or the range exceeds 4n + 1024 (then the general path is used).
 *
 * @example
 * integerCodes(Float64Array.of(2015, NaN, 2016)); // { codes: [0, -1, 1], levels: ["2015", "2016"] }
 */
function integerCodes(c: Float64Array): { codes: Int32Array; levels: string[] } | null {
  const n = c.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = c[i]!;
    if (v !== v) continue;
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return null;
  const range = hi - lo + 1;
  if (range > 4 * n + 1024) return null;
  // offsets v − lo first (one pass over the doubles); renumbered only when some value in the range is absent
  const map = new Int32Array(range).fill(-1);
  const codes = codeColumn(n);
  for (let i = 0; i < n; i++) {
    const v = c[i]!;
    if (v === v) {
      const k = v - lo;
      map[k] = 0;
      codes[i] = k;
    } else codes[i] = -1;
  }
  const levels: string[] = [];
  for (let j = 0; j < range; j++) if (map[j] === 0) { map[j] = levels.length; levels.push(String(j + lo)); }
  if (levels.length < range) {
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      if (k >= 0) codes[i] = map[k]!;
    }
  }
  return { codes, levels };
}

/**
 * Codes of a (possibly interacted, `a^b`) fixed effect over all rows: −1 where any part is missing.
 *
 * @example
 * feCodes(frame, ["iso3"]).codes; // Int32Array of country codes, −1 for missing
 */
export function feCodes(frame: Frame, names: readonly string[]): { codes: Int32Array; levels: string[] } {
  const n = frame.nrow;
  const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
  if (names.length === 1) {
    // one column: factorize its values directly (numbers stay numbers: no per-row strings)
    const c = column(frame, names[0]!);
    if (isNumeric(c)) {
      const fast = integerCodes(c);
      if (fast) return fast;
    }
    const ok: number[] = [];
    for (let r = 0; r < n; r++) if (!isMissing(c[r])) ok.push(r);
    const vals = isNumeric(c) ? ok.map((r) => c[r]!) : ok.map((r) => c[r] as string);
    const { codes, levels } = factorize(vals);
    const out = new Int32Array(n).fill(-1);
    for (let j = 0; j < ok.length; j++) out[ok[j]!] = codes[j]!;
    return { codes: out, levels };
  }
  // interaction a^b: combine the codes of the parts (mixed radix), then compact
  const parts = names.map((nm) => feCodes(frame, [nm]));
  const combined = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let key = 0;
    for (const p of parts) {
      const c = p.codes[r]!;
      if (c < 0) {
        key = NaN;
        break;
      }
      key = key * p.levels.length + c;
    }
    combined[r] = key;
  }
  const ok: number[] = [];
  for (let r = 0; r < n; r++) if (!Number.isNaN(combined[r]!)) ok.push(r);
  const { codes, levels } = factorize(ok.map((r) => combined[r]!));
  const out = new Int32Array(n).fill(-1);
  for (let j = 0; j < ok.length; j++) out[ok[j]!] = codes[j]!;
  // readable labels "a^b" for the combined levels
  const labels = levels.map((l) => {
    let key = Number(l);
    const segs: string[] = [];
    for (let q = parts.length - 1; q >= 0; q--) {
      const G = parts[q]!.levels.length;
      segs.unshift(parts[q]!.levels[key % G]!);
      key = Math.floor(key / G);
    }
    return segs.join("^");
  });
  return { codes: out, levels: labels };
}
