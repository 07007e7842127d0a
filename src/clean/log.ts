/**
 * The cleaning log: every selection, drop, harmonisation, fill, transformation and missing cell,
 * counted per variable, as plain data; {@link formatCleaningLog} prints it.
 */

export type CleaningStep = "load" | "harmonise" | "select" | "drop" | "fill" | "transform" | "missing";

export interface CleaningLogEntry {
  readonly step: CleaningStep;
  /** Panel column (or "*" for a whole source file). */
  readonly variable: string;
  /** Source file (relative to the data directory), or "" for a derived column. */
  readonly source: string;
  /** Number of rows or cells concerned. */
  readonly count: number;
  readonly detail: string;
}

export interface CleaningLog {
  readonly entries: readonly CleaningLogEntry[];
}

/** Mutable collector used while building the panel. */
export class CleaningLogBuilder {
  private readonly items: CleaningLogEntry[] = [];
  add(step: CleaningStep, variable: string, source: string, count: number, detail: string): void {
    this.items.push(Object.freeze({ step, variable, source, count, detail }));
  }
  build(): CleaningLog {
    return Object.freeze({ entries: Object.freeze([...this.items]) });
  }
}

/** Entries of one variable (and, with `step`, one kind). */
export function logEntries(log: CleaningLog, variable: string, step?: CleaningStep): CleaningLogEntry[] {
  return log.entries.filter((e) => e.variable === variable && (step === undefined || e.step === step));
}

/** Plain-text table of the log, one entry per line: step, variable, count, detail [source]. */
export function formatCleaningLog(log: CleaningLog): string {
  const wStep = Math.max(4, ...log.entries.map((e) => e.step.length));
  const wVar = Math.max(8, ...log.entries.map((e) => e.variable.length));
  const wCount = Math.max(5, ...log.entries.map((e) => String(e.count).length));
  const head = `${"step".padEnd(wStep)}  ${"variable".padEnd(wVar)}  ${"count".padStart(wCount)}  detail [source]`;
  const lines = log.entries.map(
    (e) => `${e.step.padEnd(wStep)}  ${e.variable.padEnd(wVar)}  ${String(e.count).padStart(wCount)}  ${e.detail}${e.source ? ` [${e.source}]` : ""}`,
  );
  return [head, "-".repeat(head.length), ...lines].join("\n");
}
