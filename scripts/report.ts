/**
 * `npm run report` — build the study report from the raw data in one command.
 *
 *   npm run report [-- --out DIR] [--data-dir DIR] [--pdf]
 *   npx tsx scripts/report.ts --readme-map     print README's table/figure → program → output map
 *
 * Steps: load parameters and the data manifest, verify the input data, run every available
 * analysis through src/ (the functions the notebooks call), write DIR/index.html (default
 * reports/) and export every table (DIR/tables/<ID>.csv|.tex|.md) and figure (DIR/figures/<ID>.json);
 * with --pdf also DIR/index.pdf (headless Chromium). Each step is printed with its time.
 *
 * Determinism: the page shows the build time from SOURCE_DATE_EPOCH. When it is unset, this script
 * sets it to the time of the last git commit (`git log -1 --format=%ct`), so two builds of the same
 * checkout are byte-identical by default. Set SOURCE_DATE_EPOCH yourself to pin another time.
 * The page also names the git commit (`git rev-parse HEAD`); BRI_BUILD_COMMIT overrides it (used by
 * the determinism test, which must not depend on commits landing while it runs).
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { findRepoRoot, resolveDataDir } from "../src/data/dataDir";
import { readmeMap } from "../src/artifacts";
import { assembleStudy } from "../src/report/study";
import { loadAssets, writeReport } from "../src/report/build";

interface Args {
  out: string;
  dataDir?: string;
  pdf: boolean;
  readmeMap: boolean;
  help: boolean;
}

const USAGE = `usage: npm run report [-- --out DIR] [--data-dir DIR] [--pdf]
       npx tsx scripts/report.ts --readme-map

  --out DIR        output folder (default: reports/)
  --data-dir DIR   data directory (default: $BRI_DATA_DIR, else ../shared/data, else data/raw)
  --pdf            also print DIR/index.pdf with headless Chromium (/usr/bin/chromium)
  --readme-map     print the README's table/figure → program → output map and exit
`;

function parseArgs(argv: string[]): Args {
  const a: Args = { out: "reports", pdf: false, readmeMap: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${x} needs a value`);
      return v;
    };
    if (x === "--out") a.out = value();
    else if (x.startsWith("--out=")) a.out = x.slice(6);
    else if (x === "--data-dir") a.dataDir = value();
    else if (x.startsWith("--data-dir=")) a.dataDir = x.slice(11);
    else if (x === "--pdf") a.pdf = true;
    else if (x === "--readme-map") a.readmeMap = true;
    else if (x === "--help" || x === "-h") a.help = true;
    else throw new Error(`unknown option '${x}'\n\n${USAGE}`);
  }
  return a;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}

function human(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.readmeMap) {
    process.stdout.write(readmeMap() + "\n");
    return 0;
  }
  const t0 = performance.now();
  const root = findRepoRoot();
  const log = (name: string, ms: number) => {
    process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${name} (${(ms / 1000).toFixed(2)} s)\n`);
  };
  const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const out = await f();
    log(name, performance.now() - s);
    return out;
  };

  if (process.env.SOURCE_DATE_EPOCH === undefined) {
    const ct = git(root, ["log", "-1", "--format=%ct"]);
    if (ct) process.env.SOURCE_DATE_EPOCH = ct;
  }
  const epochText = process.env.SOURCE_DATE_EPOCH;
  const buildEpoch = epochText !== undefined && /^\d+$/.test(epochText) ? Number(epochText) : null;
  if (epochText !== undefined && buildEpoch === null) throw new Error(`SOURCE_DATE_EPOCH must be an integer number of seconds, got '${epochText}'`);

  const dataDir = resolveDataDir(args.dataDir);
  const outDir = resolve(args.out);
  const commandLine = ["npm run report", ...(argv.length ? ["--", ...argv] : [])].join(" ");
  const doc = assembleStudy({ root, dataDir, buildEpoch, commandLine, commit: process.env.BRI_BUILD_COMMIT ?? git(root, ["rev-parse", "HEAD"]), onStep: log });
  const assets = await timed("load assets (plotly.js, KaTeX CSS and fonts, world map)", () => loadAssets());
  const files = await timed("write report and export tables/figures", () => writeReport(doc, outDir, assets));
  const pending = [...doc.artifacts.values()].filter((c) => c.kind === "pending").length;
  const done = doc.artifacts.size - pending;
  process.stdout.write(`exported ${files.length - 1} files (${done} artifacts computed, ${pending} pending) to ${relative(process.cwd(), outDir) || "."}/{tables,figures}/\n`);
  const index = join(outDir, "index.html");
  if (args.pdf) {
    const { printPdf, chromiumAvailable, chromiumPath } = await import("../src/report/browser");
    if (!chromiumAvailable()) throw new Error(`--pdf needs Chromium at ${chromiumPath()} (Debian package 'chromium'; or set CHROMIUM_PATH)`);
    const pdf = join(outDir, "index.pdf");
    await timed("print PDF (headless Chromium)", () => printPdf(index, pdf));
    process.stdout.write(`wrote ${relative(process.cwd(), pdf)} (${human(statSync(pdf).size)})\n`);
  }
  process.stdout.write(`wrote ${relative(process.cwd(), index)} (${human(statSync(index).size)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`report: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
