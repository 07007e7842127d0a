/**
 * fixest-style model formulas.
 *
 *   y ~ x1 + x2 + log(x3) + lag(x4, 1) + i(region)          OLS (intercept as R)
 *   y ~ x1 + x2 | fe1 + fe2                                 absorbed fixed effects (fe1^fe2 = interacted FE)
 *   y ~ exog | fe1 | endo ~ inst1 + inst2                   2SLS with fixed effects
 *   y ~ exog | endo ~ inst                                  2SLS without fixed effects
 *
 * Disambiguation of `|` parts (as fixest): the right-hand side is split on top-level `|`. A part that
 * contains `~` is the IV part, and it must be the last one; the remaining parts are, in order, the
 * regressors and (optionally) the fixed effects. So `y ~ a | b` is FE b, `y ~ a | b ~ c` is IV with no
 * FE, `y ~ a | f | b ~ c` is IV with FE f. At most 3 parts.
 *
 * Intercept: included unless the regressors contain `0`, `-1` or `+0`; with absorbed FE it is always
 * absorbed (not estimated). Terms: a column name (letters, digits, `_`, `.`; or `backquoted`),
 * functions log(), exp(), sqrt(), abs(), log1p() of a term, lag(x, k) / l(x, k) (k ≥ 0 lag, k < 0
 * lead; needs the panel; lags by time VALUE: the value at (id, t − k), missing if that period is
 * absent, as plm/fixest), lead(x, k), and i(var) = dummies of every level of var except the first in
 * sorted order (the reference level, as R's factor/fixest), named `var::level`.
 */

export type Expr =
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly Expr[] };

export interface Term {
  /** Display/coefficient name, normalised (e.g. "log(x3)", "lag(x4, 1)"). */
  readonly label: string;
  readonly expr: Expr;
}

export interface ParsedFormula {
  readonly text: string;
  readonly response: Term;
  readonly terms: readonly Term[];
  readonly intercept: boolean;
  /** Absorbed FE; each is a list of column names interacted with ^ (usually one name). */
  readonly fixedEffects: readonly (readonly string[])[];
  /** IV part (null when no IV). */
  readonly endogenous: readonly Term[];
  readonly instruments: readonly Term[];
}

const FUNCTIONS = new Set(["log", "exp", "sqrt", "abs", "log1p", "lag", "l", "lead", "i"]);

/** Split `s` on a separator character at parenthesis depth 0 (ignoring backquoted names). */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (const ch of s) {
    if (ch === "`") quoted = !quoted;
    if (!quoted) {
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
      if (depth < 0) throw new Error(`formula: unbalanced ')' in '${s}'`);
      if (ch === sep && depth === 0) {
        out.push(cur);
        cur = "";
        continue;
      }
    }
    cur += ch;
  }
  if (depth !== 0) throw new Error(`formula: unbalanced '(' in '${s}'`);
  if (quoted) throw new Error(`formula: unclosed backquote in '${s}'`);
  out.push(cur);
  return out;
}

/**
 * Parse one term expression, e.g. `log(lag(x, 2))`.
 *
 * @example
 * parseExpr("log(x)"); // { kind: "call", fn: "log", args: [{ kind: "var", name: "x" }] }
 */
export function parseExpr(src: string): Expr {
  let pos = 0;
  const s = src.trim();
  const ws = () => {
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
  };
  const parse = (): Expr => {
    ws();
    if (s[pos] === "`") {
      const end = s.indexOf("`", pos + 1);
      if (end < 0) throw new Error(`formula: unclosed backquote in '${src}'`);
      const name = s.slice(pos + 1, end);
      pos = end + 1;
      return { kind: "var", name };
    }
    const m = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(pos));
    if (m && !/[A-Za-z_]/.test(s[pos + m[0].length] ?? "")) {
      pos += m[0].length;
      return { kind: "num", value: Number(m[0]) };
    }
    const id = /^[A-Za-z_.][A-Za-z0-9_.]*/.exec(s.slice(pos));
    if (!id) throw new Error(`formula: cannot read a term at '${s.slice(pos) || "(end)"}' in '${src}'`);
    pos += id[0].length;
    ws();
    if (s[pos] === "(") {
      const fn = id[0];
      if (!FUNCTIONS.has(fn)) {
        throw new Error(`formula: unknown function '${fn}()' in '${src}' (known: ${[...FUNCTIONS].join(", ")})`);
      }
      pos++;
      const args: Expr[] = [];
      ws();
      if (s[pos] !== ")") {
        for (;;) {
          args.push(parse());
          ws();
          if (s[pos] === ",") {
            pos++;
            continue;
          }
          if (s[pos] === ")") break;
          throw new Error(`formula: expected ',' or ')' at '${s.slice(pos)}' in '${src}'`);
        }
      }
      pos++;
      return { kind: "call", fn, args };
    }
    return { kind: "var", name: id[0] };
  };
  const e = parse();
  ws();
  if (pos !== s.length) throw new Error(`formula: unexpected '${s.slice(pos)}' in term '${src}'`);
  return e;
}

/**
 * Canonical label of an expression.
 *
 * @example
 * exprLabel(parseExpr("lag( x ,1)")); // "lag(x, 1)"
 */
export function exprLabel(e: Expr): string {
  if (e.kind === "var") return e.name;
  if (e.kind === "num") return String(e.value);
  return `${e.fn}(${e.args.map(exprLabel).join(", ")})`;
}

/**
 * Column names an expression reads.
 *
 * @example
 * exprVariables(parseExpr("log(lag(x, 1))")); // ["x"]
 */
export function exprVariables(e: Expr, out: string[] = []): string[] {
  if (e.kind === "var") {
    if (!out.includes(e.name)) out.push(e.name);
  } else if (e.kind === "call") for (const a of e.args) exprVariables(a, out);
  return out;
}

function parseTerms(side: string, allowIntercept: boolean, where: string): { terms: Term[]; intercept: boolean } {
  let intercept = true;
  const terms: Term[] = [];
  // turn "a - 1" into "a + -1": split on top-level '+' after marking top-level '-' as '+-'
  let depth = 0;
  let norm = "";
  for (const ch of side) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    norm += ch === "-" && depth === 0 ? "+-" : ch;
  }
  for (const raw of splitTop(norm, "+")) {
    const t = raw.trim();
    if (t === "") continue;
    if (t === "1") {
      intercept = true;
      continue;
    }
    if (t === "0" || t === "-1" || t === "- 1") {
      intercept = false;
      continue;
    }
    if (t.startsWith("-")) throw new Error(`formula: removing term '${t.slice(1).trim()}' is not supported in ${where} '${side.trim()}'`);
    const expr = parseExpr(t);
    const label = exprLabel(expr);
    if (!terms.some((x) => x.label === label)) terms.push({ label, expr });
  }
  if (!allowIntercept) intercept = false;
  return { terms, intercept };
}

/**
 * Parse a fixest-style formula (grammar in the module comment).
 *
 * Reference: Bergé, fixest `feols()` formula syntax; R `terms.formula` for intercept rules.
 *
 * @example
 * const f = parseFormula("y ~ x1 + log(x2) | id + year");
 * f.terms.map((t) => t.label); // ["x1", "log(x2)"]
 * f.fixedEffects;              // [["id"], ["year"]]
 */
export function parseFormula(text: string): ParsedFormula {
  const top = splitTop(text, "~");
  if (top.length < 2) throw new Error(`formula: no '~' in '${text}'`);
  const lhs = top[0]!.trim();
  if (!lhs) throw new Error(`formula: no response (left of '~') in '${text}'`);
  const rhsText = top.slice(1).join("~");
  const parts = splitTop(rhsText, "|");
  if (parts.length > 3) throw new Error(`formula: at most 3 '|' parts (regressors | FE | endo ~ instruments), got ${parts.length} in '${text}'`);
  let ivPart: string | null = null;
  for (let p = 0; p < parts.length; p++) {
    if (splitTop(parts[p]!, "~").length > 1) {
      if (p !== parts.length - 1 || p === 0) throw new Error(`formula: the IV part 'endo ~ instruments' must be the last '|' part in '${text}'`);
      ivPart = parts[p]!;
    }
  }
  const mainParts = ivPart ? parts.slice(0, -1) : parts;
  const { terms, intercept } = parseTerms(mainParts[0]!, true, "regressors");
  let fixedEffects: string[][] = [];
  if (mainParts.length === 2) {
    const fePart = mainParts[1]!.trim();
    if (fePart !== "0" && fePart !== "") {
      fixedEffects = splitTop(fePart, "+").map((s) => {
        const names = s.split("^").map((x) => x.trim().replace(/^`|`$/g, ""));
        for (const nm of names) if (!/^[^()\s]+$/.test(nm)) throw new Error(`formula: fixed effect '${s.trim()}' must be a column name (or a^b) in '${text}'`);
        return names;
      });
    }
  } else if (mainParts.length > 2) {
    throw new Error(`formula: too many '|' parts in '${text}'`);
  }
  let endogenous: Term[] = [];
  let instruments: Term[] = [];
  if (ivPart) {
    const iv = splitTop(ivPart, "~");
    if (iv.length !== 2) throw new Error(`formula: IV part must be 'endo ~ instruments' in '${text}'`);
    endogenous = parseTerms(iv[0]!, false, "endogenous variables").terms;
    instruments = parseTerms(iv[1]!, false, "instruments").terms;
    if (!endogenous.length) throw new Error(`formula: IV part has no endogenous variable in '${text}'`);
    if (instruments.length < endogenous.length) {
      throw new Error(`formula: ${instruments.length} instrument(s) for ${endogenous.length} endogenous variable(s): the model is not identified ('${text}')`);
    }
  }
  const respExpr = parseExpr(lhs);
  if (respExpr.kind === "call" && respExpr.fn === "i") throw new Error(`formula: i() is not allowed on the left of '~'`);
  return {
    text,
    response: { label: exprLabel(respExpr), expr: respExpr },
    terms,
    intercept,
    fixedEffects,
    endogenous,
    instruments,
  };
}
