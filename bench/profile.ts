/**
 * Summary of a V8 CPU profile (`node --cpu-prof` → *.cpuprofile): self time per function and per
 * source file, from the sample stream (self time of a node = Σ timeDeltas of the samples that hit it;
 * V8 CPU profile format, Chrome DevTools Protocol `Profiler.Profile`).
 *
 * @example
 * const rows = summarizeCpuProfile(JSON.parse(readFileSync("x.cpuprofile", "utf8")));
 * rows.byFunction[0]; // e.g. { name: "demean", file: "src/estimate/demean.ts", line: 1, column: 257, selfMs: 812.4, share: 0.41 }
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileRow {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** 1-based column in the compiled code. */
  readonly column: number;
  readonly selfMs: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byFunction: ProfileRow[];
  readonly byFile: { file: string; selfMs: number; share: number }[];
}

/** Shorten a profile URL to a repository-relative path (file:///…/main/src/x.ts → src/x.ts). */
export function shortUrl(url: string, root: string): string {
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(root)) u = u.slice(root.length).replace(/^\//, "");
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) u = u.slice(nm);
  return u || "(native/V8)";
}

export function summarizeCpuProfile(p: CpuProfile, root = ""): ProfileSummary {
  const byNode = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    byNode.set(id, (byNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodeById = new Map(p.nodes.map((n) => [n.id, n]));
  /** Anonymous functions are named after their nearest named caller. */
  const label = (id: number): string => {
    const n = nodeById.get(id)!;
    if (n.callFrame.functionName) return n.callFrame.functionName;
    let q = parent.get(id);
    while (q !== undefined && !nodeById.get(q)!.callFrame.functionName) q = parent.get(q);
    return q === undefined ? "(anonymous)" : `(anonymous in ${nodeById.get(q)!.callFrame.functionName})`;
  };
  const fn = new Map<string, { name: string; file: string; line: number; column: number; us: number }>();
  const file = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = byNode.get(n.id) ?? 0;
    if (!us) continue;
    total += us;
    const f = shortUrl(n.callFrame.url, root);
    const name = label(n.id);
    const key = `${name}@${f}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber ?? 0}`;
    const e = fn.get(key) ?? { name, file: f, line: n.callFrame.lineNumber + 1, column: (n.callFrame.columnNumber ?? 0) + 1, us: 0 };
    e.us += us;
    fn.set(key, e);
    file.set(f, (file.get(f) ?? 0) + us);
  }
  const byFunction = [...fn.values()]
    .sort((a, b) => b.us - a.us)
    .map((e) => ({ name: e.name, file: e.file, line: e.line, column: e.column, selfMs: e.us / 1000, share: total ? e.us / total : 0 }));
  const byFile = [...file.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([f, us]) => ({ file: f, selfMs: us / 1000, share: total ? us / total : 0 }));
  return { totalMs: total / 1000, byFunction, byFile };
}

/** Markdown rendering of the top `top` functions and files. */
export function profileMarkdown(s: ProfileSummary, title: string, top = 25): string {
  const pct = (x: number) => (100 * x).toFixed(1) + "%";
  const lines = [`## ${title}`, "", `Sampled CPU time: ${(s.totalMs / 1000).toFixed(2)} s.`, "", "| self ms | share | function | file:line:column |", "|---:|---:|---|---|"];
  for (const r of s.byFunction.slice(0, top)) lines.push(`| ${r.selfMs.toFixed(1)} | ${pct(r.share)} | \`${r.name}\` | ${r.file}:${r.line}:${r.column} |`);
  lines.push("", "| self ms | share | file |", "|---:|---:|---|");
  for (const r of s.byFile.slice(0, 15)) lines.push(`| ${r.selfMs.toFixed(1)} | ${pct(r.share)} | ${r.file} |`);
  return lines.join("\n") + "\n";
}
