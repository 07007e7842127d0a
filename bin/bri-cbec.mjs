#!/usr/bin/env node
// Entry point of the `bri-cbec` CLI.
//
// Runs dist/cli.cjs, src/cli.ts bundled to plain JavaScript by scripts/build-cli.mjs, when that bundle
// is newer than each of its input files (listed in its second line: the src/ files it was built from
// and their directories, the build script, package.json, tsconfig.json,
// node_modules/.package-lock.json; ≈ 50 stats).
// Otherwise rebuilds it first (≈ 0.5 s, once per edit), so an edit to src/ is never run stale.
// If the build fails, runs the TypeScript sources through tsx as they are.
// BRI_CBEC_TSX=1: always tsx; BRI_CBEC_TSX=0: never tsx (a failed build is an error; for tests).
//
// The bundle is compiled with node:vm and a V8 code cache (one per build and subcommand, written by
// the subcommand's first successful run), which saves ≈ 40 ms of compilation per start.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "cli.cjs");
const failedNote = join(root, "dist", "cli.build-failed.txt");
// same as BUILD_INPUTS and HEADER in scripts/build-cli.mjs (test/cli/bundle.test.ts checks)
const BUILD_INPUTS = ["scripts/build-cli.mjs", "package.json", "tsconfig.json", "node_modules/.package-lock.json"];
const HEADER = /^\/\/ bri-cbec build ([0-9a-f]{16})\n\/\/ bri-cbec inputs (\[.*\])\n/;

/** Latest change of a file: max of mtime and ctime (so `touch -d` or `cp -p` count too); `missing` if absent. */
function changed(p, missing = Infinity) {
  const s = statSync(p, { throwIfNoEntry: false });
  return s ? Math.max(s.mtimeMs, s.ctimeMs) : missing;
}

/** Latest change of any file or directory under `dir` (used only after a failed build). */
function newestUnder(dir) {
  let newest = changed(dir);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : changed(p));
  }
  return newest;
}

/**
 * The bundle's text if it is newer than every input listed in its header (or unconditionally when
 * `justBuilt`: it then holds the sources as they were when the build started), else null.
 */
function freshBundle(justBuilt = false) {
  let fd;
  try {
    fd = openSync(bundle, "r");
  } catch {
    return null;
  }
  try {
    // mtime and text from one open file: a concurrent rebuild renames a new file in, never rewrites this one
    const built = fstatSync(fd).mtimeMs;
    const code = readFileSync(fd, "utf8");
    const h = HEADER.exec(code);
    if (!h) return null;
    let inputs;
    try {
      inputs = JSON.parse(h[2]);
    } catch {
      return null;
    }
    if (!justBuilt) for (const p of inputs) if (!(changed(join(root, p)) < built)) return null;
    return { code, id: h[1] };
  } finally {
    closeSync(fd);
  }
}

/** Called after the command succeeded; writes the code cache when there was none (or V8 refused it). */
let afterRun = () => {};

/**
 * Evaluate the CommonJS bundle as Node's loader would (same wrapper arguments), compiled with the
 * code cache of this build and subcommand when there is one. A cache is only ever read for the
 * bundle text it was made from: its name carries the build id (a hash of that text).
 */
function runBundle({ code, id }, argv) {
  const cmd = /^[a-z][a-z0-9-]{0,30}$/.test(argv[0] ?? "") ? argv[0] : "usage";
  const cacheFile = join(dirname(bundle), `cli.${id}.${cmd}.v8cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) {
    afterRun = () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // dist/ not writable: run without a cache
      }
    };
  }
  return module.exports;
}

async function loadCli(argv) {
  if (process.env.BRI_CBEC_TSX !== "1") {
    const fresh = freshBundle();
    if (fresh) return runBundle(fresh, argv);
    const bundleOnly = process.env.BRI_CBEC_TSX === "0";
    // a build already failed and nothing under src/ changed since: tsx without retrying (the note says why)
    const failedAt = statSync(failedNote, { throwIfNoEntry: false })?.mtimeMs ?? -1;
    const inputsChanged = () => Math.max(newestUnder(join(root, "src")), ...BUILD_INPUTS.map((p) => changed(join(root, p), 0)));
    if (bundleOnly || !(failedAt > inputsChanged())) {
      try {
        const { buildCli } = await import("../scripts/build-cli.mjs");
        await buildCli();
        const built = freshBundle(true);
        if (!built) throw new Error(`${bundle} has no build header`);
        return runBundle(built, argv);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if (bundleOnly) throw new Error(`bri-cbec (BRI_CBEC_TSX=0): ${msg}`);
        process.stderr.write(`bri-cbec: ${msg}\nbri-cbec: running src/ through tsx instead\n`);
      }
    }
  }
  if (!existsSync(join(root, "src", "cli.ts"))) throw new Error(`bri-cbec: ${join(root, "src", "cli.ts")} not found`);
  const { register } = await import("tsx/esm/api");
  register();
  return import("../src/cli.ts");
}

const argv = process.argv.slice(2);
const { main } = await loadCli(argv);
process.exitCode = await main(argv);
if (process.exitCode === 0) afterRun();
