/**
 * Loading the reference fixtures written by test/reference/*.R / *.py (generate.sh) and comparing
 * engine output with them. The fixtures embed their input data; nothing here types a number.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { type Column, type Frame, makeFrame } from "../../../src/frame";
import type { SscSpec, VcovSpec } from "../../../src/estimate/types";

const here = fileURLToPath(new URL("..", import.meta.url));

export interface VcovRef {
  readonly names: string[];
  readonly matrix: number[][];
  readonly se: Record<string, number>;
  readonly G?: number;
  readonly K?: number;
  readonly p?: Record<string, number>;
}

export interface VcovEntry {
  readonly label: string;
  readonly spec: VcovSpec;
  readonly ssc: SscSpec;
  readonly call: string;
  readonly value: VcovRef;
}

export interface RefCase {
  readonly id: string;
  readonly dataset: string;
  readonly model: string;
  readonly formula: string;
  readonly reference: string;
  readonly panel?: { id: string; time: string };
  readonly effect?: string;
  readonly coef: Record<string, number>;
  readonly stats: Record<string, unknown>;
  readonly vcov: VcovEntry[];
  readonly [key: string]: unknown;
}

export interface RefFile {
  readonly description: string;
  readonly generator: string;
  readonly software: Record<string, string>;
  readonly datasets: Record<string, { source: string; data: Record<string, (number | string | null)[]> }>;
  readonly cases?: RefCase[];
  readonly [key: string]: unknown;
}

/** Parse test/reference/<name>.json. */
export function loadReference(name: string): RefFile {
  return JSON.parse(readFileSync(join(here, `${name}.json`), "utf8")) as RefFile;
}

/** A fixture data set as a Frame: all-number columns → Float64Array (null → NaN), others text. */
export function datasetFrame(ref: RefFile, name: string): Frame {
  const ds = ref.datasets[name];
  if (!ds) throw new Error(`fixture has no dataset '${name}'`);
  const cols: Record<string, Column> = {};
  for (const [k, v] of Object.entries(ds.data)) {
    const numeric = v.every((x) => x === null || typeof x === "number");
    cols[k] = numeric ? Float64Array.from(v as (number | null)[], (x) => (x === null ? NaN : x)) : v.map((x) => (x === null ? null : String(x)));
  }
  return makeFrame(cols);
}

/** Short software description for messages, e.g. "R 4.2.2 plm 2.6.2". */
export function softwareLabel(ref: RefFile): string {
  return Object.entries(ref.software)
    .map(([k, v]) => (k === "R" ? v.replace(/^R version (\S+).*/, "R $1") : `${k} ${v}`))
    .join(", ");
}

/** |a − b| / |b| (absolute when b = 0). */
export function relErr(a: number, b: number): number {
  if (b === 0) return Math.abs(a);
  return Math.abs(a - b) / Math.abs(b);
}

/** Tracks the largest relative error seen per group, for the summary printed at the end of a file. */
export class ErrorLog {
  readonly max = new Map<string, number>();
  note(group: string, e: number): void {
    if (!(e <= (this.max.get(group) ?? 0))) this.max.set(group, Number.isNaN(e) ? Infinity : e);
  }
  report(title: string): string {
    const rows = [...this.max.entries()].map(([g, e]) => `  ${g.padEnd(44)} ${e.toExponential(2)}`);
    return `${title}: max relative error by group\n${rows.join("\n")}`;
  }
}

/** Assert |actual − expected| ≤ tol·|expected| (tol absolute when expected = 0). */
export function assertClose(actual: number, expected: number, tol: number, what: string, log?: ErrorLog, group?: string): void {
  const e = relErr(actual, expected);
  if (log && group) log.note(group, e);
  assert.ok(e <= tol, `${what}: got ${actual}, expected ${expected} (relative error ${e.toExponential(3)} > ${tol})`);
}

/** Compare named coefficients (every reference name must exist in the engine's names). */
export function assertCoefs(names: readonly string[], values: readonly number[], ref: Record<string, number>, tol: number, what: string, log?: ErrorLog, group?: string): void {
  for (const [nm, v] of Object.entries(ref)) {
    const i = names.indexOf(nm);
    assert.ok(i >= 0, `${what}: coefficient '${nm}' missing (engine has ${names.join(", ")})`);
    assertClose(values[i]!, v, tol, `${what} coef ${nm}`, log, group);
  }
}

/**
 * Compare a variance matrix by coefficient name: entry (i, j) relative to sqrt(|V_ii V_jj|) of the
 * reference (the scale of a covariance), diagonal relative to itself.
 */
export function assertVcov(names: readonly string[], V: readonly (readonly number[])[], ref: VcovRef, tol: number, what: string, log?: ErrorLog, group?: string): void {
  const idx = ref.names.map((nm) => {
    const i = names.indexOf(nm);
    assert.ok(i >= 0, `${what}: coefficient '${nm}' missing (engine has ${names.join(", ")})`);
    return i;
  });
  for (let a = 0; a < idx.length; a++) {
    for (let b = 0; b < idx.length; b++) {
      const exp = ref.matrix[a]![b]!;
      const got = V[idx[a]!]![idx[b]!]!;
      const scale = Math.sqrt(Math.abs(ref.matrix[a]![a]! * ref.matrix[b]![b]!));
      const e = scale === 0 ? Math.abs(got - exp) : Math.abs(got - exp) / scale;
      if (log && group) log.note(group, e);
      assert.ok(e <= tol, `${what}: V[${ref.names[a]}, ${ref.names[b]}] = ${got}, expected ${exp} (relative error ${e.toExponential(3)} > ${tol})`);
    }
  }
}
