/**
 * One timed benchmark case of our engine, run in its own child process by bench/run.ts so that its
 * peak memory can be measured alone. Usage:
 *   node --import tsx bench/case.ts '<CaseSpec as JSON>'
 * Prints one line `BENCH_JSON {...}` (a CaseOutput) on stdout. Timing is `performance.now()` around
 * the measured call only; data generation/loading is not timed (except for kind "read").
 */
import { specForRows, generatePanel, type PanelSpec } from "./generate";
import type { Frame } from "../src/frame";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

export interface CaseSpec {
  /** "fit": fit(frame, formula, options) on the generated panel; "read": readCsvFrame(csv). */
  readonly kind: "fit" | "read";
  readonly panel?: PanelSpec;
  readonly csv?: string;
  readonly formula?: string;
  /** Options passed to fit() (e.g. { vcov: { cluster: ["id"] }, model: "ppml" }). */
  readonly options?: Record<string, unknown>;
  readonly repeats: number;
  /** Coefficient whose estimate and SE are reported (default "x1"). */
  readonly coef?: string;
  /** Write a V8 CPU profile of the timed calls only (node:inspector) to this path. */
  readonly cpuProfile?: string;
}

export interface CaseOutput {
  readonly status: "ok" | "failed";
  readonly error?: string;
  readonly seconds: number[];
  readonly nobs?: number;
  readonly estimate?: number;
  readonly se?: number;
  readonly iterations?: number;
  readonly converged?: boolean;
  /** process.resourceUsage().maxRSS (kB) after loading the data, and at the end. */
  readonly maxRssAfterLoadKB: number;
  readonly maxRssKB: number;
  readonly loadSeconds: number;
}

const PREFIX = "BENCH_JSON ";

/** Start the V8 sampling profiler in this process (1 ms interval). */
async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 1000 });
  await session.post("Profiler.start");
  return session;
}

/** The fit function of the engine, found at run time (the engine may still be a stub). */
async function loadFit(model: unknown): Promise<(f: Frame, formula: string, o: Record<string, unknown>) => any> {
  if (model === "ppml") {
    try {
      const ppmlModule = "../src/estimate/ppml"; // not a literal: the module may not exist yet
      const m: any = await import(ppmlModule);
      if (typeof m.fitPpml === "function") {
        return (f, formula, o) => {
          const { model: _drop, ...rest } = o;
          return m.fitPpml(f, formula, rest);
        };
      }
    } catch {
      /* fall through to fit(..., { model: "ppml" }) */
    }
  }
  const m: any = await import("../src/estimate/index");
  if (typeof m.fit !== "function") throw new Error("src/estimate/index.ts exports no fit()");
  return m.fit;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "{}") as CaseSpec;
  const seconds: number[] = [];
  let out: Omit<CaseOutput, "maxRssKB" | "maxRssAfterLoadKB" | "loadSeconds" | "seconds" | "status"> = {};
  let maxRssAfterLoadKB = 0;
  let loadSeconds = 0;
  try {
    if (spec.kind === "read") {
      const { readCsvFrame } = await import("../src/data/csv");
      maxRssAfterLoadKB = process.resourceUsage().maxRSS;
      for (let r = 0; r < spec.repeats; r++) {
        const t0 = performance.now();
        const f = readCsvFrame(spec.csv!);
        seconds.push((performance.now() - t0) / 1000);
        out = { nobs: f.nrow };
      }
    } else {
      const t0 = performance.now();
      const frame = generatePanel(spec.panel ?? specForRows(1e4)).frame;
      const fit = await loadFit(spec.options?.model);
      loadSeconds = (performance.now() - t0) / 1000;
      maxRssAfterLoadKB = process.resourceUsage().maxRSS;
      const name = spec.coef ?? "x1";
      const session = spec.cpuProfile ? await startProfile() : null;
      for (let r = 0; r < spec.repeats; r++) {
        const t1 = performance.now();
        const res = fit(frame, spec.formula!, spec.options ?? {});
        seconds.push((performance.now() - t1) / 1000);
        const j = (res.coefNames as string[]).indexOf(name);
        out = { nobs: res.nobs, estimate: res.coef[j], se: res.se[j], iterations: res.iterations, converged: res.converged };
      }
      if (session) {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(spec.cpuProfile!, JSON.stringify(profile));
        session.disconnect();
      }
    }
    emit({ status: "ok", seconds, ...out, maxRssAfterLoadKB, maxRssKB: process.resourceUsage().maxRSS, loadSeconds });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    emit({ status: "failed", error: msg.split("\n")[0]!.slice(0, 300), seconds, maxRssAfterLoadKB, maxRssKB: process.resourceUsage().maxRSS, loadSeconds });
  }
}

function emit(o: CaseOutput): void {
  process.stdout.write(PREFIX + JSON.stringify(o) + "\n");
}

await main();
