#!/usr/bin/env node
// Build the `bri-cbec` CLI into one precompiled JavaScript file, dist/cli.cjs (git-ignored), so the
// command starts without compiling TypeScript through tsx at every run (≈ 0.5 s saved per start).
//
//   node scripts/build-cli.mjs      (also `npm run build`; `npm ci` runs it with --warn-only as `prepare`)
//
// bin/bri-cbec.mjs runs the bundle when it is newer than each of its input files, rebuilds it
// otherwise, and falls back to tsx if the build fails.
//
// The bundle is CommonJS so that bin/ can compile it with node:vm and a V8 code cache
// (dist/cli.<build id>.<command>.v8cache, written by the first run of each command): Node 20 has no
// compile cache for ES modules, and compiling the bundle's functions costs ≈ 40 ms per start.
// The first line of the bundle carries its build id (a hash of the rest of its text), which names the caches;
// the second lists the bundle's own input files (src/ files from esbuild's metafile, their
// directories, and BUILD_INPUTS), whose change times bin/ compares with the bundle's mtime at every start.
//
// What the bundle changes, and how it stays equivalent to running src/ through tsx:
// - npm dependencies the CLI imports (the @stdlib distribution functions) are bundled too: loading
//   ~150 small CommonJS packages file by file costs ≈ 0.1 s, more than the whole bundle.
// - `import.meta.url` / `.dirname` / `.filename` in a bundled file are replaced by that source file's
//   own location, so paths computed from them point where they do under tsx.
// - The `debug` package (stdlib's gammaincinv logs two warnings through it when DEBUG is set) is
//   loaded only when the DEBUG environment variable is set: loading it costs ≈ 8 ms at every start.
// - `__dirname` / `__filename` used (not declared) by a bundled file are declared as that file's own.
// - Top-level await cannot be bundled as CommonJS: the build fails and the CLI falls back to tsx.
// - A dynamic `import()` whose argument is not a string literal cannot be bundled (it would resolve
//   relative to dist/): the build fails and names the file, so the CLI falls back to tsx.
// - Not minified (readable stack traces; minifying measured no faster with the code cache), names kept
//   as tsx does: src/estimate/parallel.ts ships functions to its helper thread as their source text.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ENTRY = join(ROOT, "src", "cli.ts");
export const BUNDLE = join(ROOT, "dist", "cli.cjs");
/** A failed build leaves this note (the error); bin/ then uses tsx without retrying until an input changes. */
export const FAILED_NOTE = join(ROOT, "dist", "cli.build-failed.txt");
/** Files besides src/** whose change makes the bundle stale (paths relative to the repository root). */
export const BUILD_INPUTS = ["scripts/build-cli.mjs", "package.json", "tsconfig.json", "node_modules/.package-lock.json"];
/**
 * The bundle's mtime is set this far before the build started, so an edit made while the build was
 * reading the sources (file timestamps come from a coarse kernel clock) still looks newer than it.
 */
export const MTIME_MARGIN_MS = 200;

/**
 * The bundle's first two lines: `// bri-cbec build <id>` (names the code caches) and
 * `// bri-cbec inputs <JSON array of paths relative to the repository root>`.
 */
export const HEADER = /^\/\/ bri-cbec build ([0-9a-f]{16})\n\/\/ bri-cbec inputs (\[.*\])\n/;

/** `require("debug")` from a bundled package → the real `debug` only when DEBUG is set (see header). */
function lazyDebugPlugin() {
  let real;
  try {
    real = createRequire(join(ROOT, "package.json")).resolve("debug");
  } catch {
    return { name: "bri-lazy-debug", setup() {} };
  }
  return {
    name: "bri-lazy-debug",
    setup(build) {
      build.onResolve({ filter: /^debug$/ }, (args) => (args.namespace === "file" ? { path: "debug", namespace: "bri-lazy-debug" } : undefined));
      build.onLoad({ filter: /.*/, namespace: "bri-lazy-debug" }, () => ({
        contents:
          `module.exports = process.env.DEBUG ? require(${JSON.stringify(real)}) : ` +
          "function createDebug() { function debug() {} debug.enabled = false; return debug; };",
        loader: "js",
        resolveDir: ROOT,
      }));
    },
  };
}

/** Source locations for a bundled file: import.meta.url/dirname/filename, __dirname/__filename (see header). */
function sourceLocationPlugin() {
  return {
    name: "bri-import-meta",
    setup(build) {
      build.onLoad({ filter: /\.(m?[jt]s|c?js)$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        const inSrc = !relative(join(ROOT, "src"), args.path).startsWith("..");
        if (inSrc) {
          // dynamic import with a computed argument: would resolve against dist/ at run time
          const computed = /\bimport\(\s*(?:\/\*[\s\S]*?\*\/\s*)*(?![\s"'`)])/.exec(text.replace(/\bimport\(\s*["'`][^"'`]*["'`]\s*\)/g, ""));
          if (computed) {
            const line = text.slice(0, computed.index).split("\n").length;
            return { errors: [{ text: `${relative(ROOT, args.path)}:${line}: dynamic import() with a computed path cannot be bundled` }] };
          }
        }
        const usesDirname = /\b__(dirname|filename)\b/.test(text) && !/\b(var|let|const|function)\s+__(dirname|filename)\b/.test(text);
        if (!text.includes("import.meta") && !usesDirname) return undefined;
        const url = pathToFileURL(args.path).href;
        let out = text
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
        if (/\bimport\.meta\b/.test(out)) {
          return { errors: [{ text: `${relative(ROOT, args.path)}: import.meta other than url/dirname/filename cannot be bundled` }] };
        }
        if (usesDirname) {
          // one line, so line numbers in messages stay those of the source file
          out = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)}; ${out}`;
        }
        const ext = args.path.match(/\.([^.]+)$/)[1];
        return { contents: out, loader: ext === "ts" || ext === "mts" ? "ts" : "js" };
      });
    },
  };
}

/** esbuild options for bundling `entry` to `outfile` (exported so tests bundle with the same settings). */
export function bundleOptions(entry, outfile) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // as tsx compiles: function and class names kept (esbuild renames clashing top-level names)
    keepNames: true,
    plugins: [lazyDebugPlugin(), sourceLocationPlugin()],
    absWorkingDir: ROOT,
    logLevel: "silent",
    metafile: true,
    write: false,
  };
}

/**
 * Build dist/cli.cjs. Writes to a temporary file and renames it into place (two CLI processes
 * rebuilding at once never see a half-written bundle), then dates it MTIME_MARGIN_MS before the start
 * of the build. On failure writes FAILED_NOTE and throws.
 *
 * @returns the bundle's path and the number of source files in it
 */
export async function buildCli() {
  const started = Date.now();
  mkdirSync(dirname(BUNDLE), { recursive: true });
  try {
    const esbuild = await import("esbuild");
    const res = await esbuild.build(bundleOptions(ENTRY, BUNDLE));
    const code = res.outputFiles[0].text;
    // inputs outside node_modules (those are covered by node_modules/.package-lock.json in BUILD_INPUTS),
    // and their directories: a file added, removed or renamed there may change how an import resolves
    const files = Object.keys(res.metafile.inputs).filter((p) => !p.includes(":") && !p.split("/").includes("node_modules"));
    const dirs = [...new Set(files.map((p) => dirname(p)))].sort();
    const inputs = [...files, ...dirs, ...BUILD_INPUTS.filter((p) => existsSync(join(ROOT, p)))];
    const rest = `// bri-cbec inputs ${JSON.stringify(inputs)}\n` +
      `// Generated by scripts/build-cli.mjs from src/cli.ts - do not edit; rebuilt when an input changes.\n${code}`;
    const id = createHash("sha256").update(rest).digest("hex").slice(0, 16);
    const tmp = `${BUNDLE}.${process.pid}.tmp`;
    writeFileSync(tmp, `// bri-cbec build ${id}\n${rest}`);
    const when = new Date(started - MTIME_MARGIN_MS);
    utimesSync(tmp, when, when);
    renameSync(tmp, BUNDLE);
    rmSync(FAILED_NOTE, { force: true });
    // code caches of earlier builds (a concurrent run may still write one: harmless, it is never read)
    for (const f of readdirSync(dirname(BUNDLE))) {
      if (f.endsWith(".v8cache") && !f.startsWith(`cli.${id}.`)) rmSync(join(dirname(BUNDLE), f), { force: true });
    }
    return { bundle: BUNDLE, inputs: Object.keys(res.metafile.inputs).length };
  } catch (e) {
    const msg = e && Array.isArray(e.errors) && e.errors.length ? e.errors.map((x) => x.text).join("\n") : String(e?.message ?? e);
    try {
      writeFileSync(FAILED_NOTE, `bri-cbec: building ${relative(ROOT, BUNDLE)} failed (the CLI runs src/ through tsx instead):\n${msg}\n`);
      const when = new Date(started - MTIME_MARGIN_MS);
      utimesSync(FAILED_NOTE, when, when);
    } catch {
      // dist/ not writable: bin/ retries the build at the next start
    }
    throw new Error(`building ${relative(ROOT, BUNDLE)} failed: ${msg}`);
  }
}

// `--warn-only` (the `prepare` script run by `npm ci`): a failed build is reported but does not fail
// the install; the CLI then runs src/ through tsx.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const t0 = Date.now();
    const r = await buildCli();
    console.log(`bri-cbec: built ${relative(ROOT, r.bundle)} from ${r.inputs} files in ${Date.now() - t0} ms`);
  } catch (e) {
    console.error(`bri-cbec: ${e.message}`);
    if (process.argv.includes("--warn-only")) console.error("bri-cbec: the CLI will run src/ through tsx");
    else process.exit(1);
  }
}
