import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFormula } from "../../src/estimate/formula";

test("regressors, functions, FE and intercept", () => {
  const f = parseFormula("y ~ x1 + log(x2) + lag(x3, 2) + i(region) | id + year");
  assert.deepEqual(f.terms.map((t) => t.label), ["x1", "log(x2)", "lag(x3, 2)", "i(region)"]);
  assert.deepEqual(f.fixedEffects, [["id"], ["year"]]);
  assert.equal(f.intercept, true);
  assert.deepEqual(f.endogenous, []);
  assert.equal(parseFormula("y ~ x - 1").intercept, false);
  assert.equal(parseFormula("y ~ 0 + x").intercept, false);
  assert.deepEqual(parseFormula("y ~ x | id^year").fixedEffects, [["id", "year"]]);
  assert.equal(parseFormula("log(y) ~ x").response.label, "log(y)");
});

test("IV disambiguation: the part with '~' is the IV part and must be last", () => {
  const a = parseFormula("y ~ w | id | x ~ z1 + z2");
  assert.deepEqual(a.fixedEffects, [["id"]]);
  assert.deepEqual(a.endogenous.map((t) => t.label), ["x"]);
  assert.deepEqual(a.instruments.map((t) => t.label), ["z1", "z2"]);
  const b = parseFormula("y ~ w | x ~ z");
  assert.deepEqual(b.fixedEffects, []);
  assert.deepEqual(b.endogenous.map((t) => t.label), ["x"]);
  const c = parseFormula("y ~ w | x");
  assert.deepEqual(c.fixedEffects, [["x"]]);
  assert.throws(() => parseFormula("y ~ w | x ~ z | id"), /must be the last/);
  assert.throws(() => parseFormula("y ~ w | x1 + x2 ~ z"), /not identified/);
});

test("syntax errors say what is wrong", () => {
  assert.throws(() => parseFormula("y x"), /no '~'/);
  assert.throws(() => parseFormula("y ~ log(x"), /unbalanced/);
  assert.throws(() => parseFormula("y ~ foo(x)"), /unknown function 'foo\(\)'/);
  assert.throws(() => parseFormula("y ~ a | b | c | d"), /at most 3/);
});
