/**
 * The one data-directory setting of the project.
 *
 * Resolution order: the `--data-dir` flag, else the environment variable `BRI_DATA_DIR`, else
 * `../shared/data` relative to the repository root when that directory exists, else `data/raw/`
 * inside the repository. The chosen directory must exist; otherwise the error names the path tried
 * and how it was chosen.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** Environment variable that overrides the default data directory. */
export const DATA_DIR_ENV = "BRI_DATA_DIR";

/**
 * The repository root: the nearest ancestor of `start` (default: the current directory, then the
 * directory of the running script) holding a package.json whose name is "bri-cbec".
 */
export function findRepoRoot(start?: string): string {
  const starts = start !== undefined ? [start] : [process.cwd(), process.argv[1] ? dirname(process.argv[1]) : process.cwd()];
  for (const s of starts) {
    let dir = resolve(s);
    for (;;) {
      const pkg = join(dir, "package.json");
      if (existsSync(pkg)) {
        try {
          if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "bri-cbec") return dir;
        } catch {
          // not our package.json; keep walking up
        }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`cannot find the bri-cbec repository root above ${starts.map((s) => resolve(s)).join(" or ")}`);
}

/**
 * The data directory to read, as an absolute path.
 *
 * @param flag value of `--data-dir`, if given (relative paths resolve against the current directory)
 * @throws Error naming the path tried when the directory does not exist
 * @example
 * resolveDataDir();                 // "/work/shared/data" when the repo sits in /work/main
 * resolveDataDir("/tmp/my-data");   // "/tmp/my-data" (must exist)
 */
export function resolveDataDir(flag?: string): string {
  let path: string;
  let how: string;
  if (flag !== undefined && flag !== "") {
    path = resolve(flag);
    how = "--data-dir";
  } else if (process.env[DATA_DIR_ENV]) {
    path = resolve(process.env[DATA_DIR_ENV]!);
    how = `environment variable ${DATA_DIR_ENV}`;
  } else {
    const root = findRepoRoot();
    const shared = join(root, "..", "shared", "data");
    if (isDirectory(shared)) return resolve(shared);
    path = join(root, "data", "raw");
    how = "default (../shared/data beside the repository was not found either)";
  }
  if (!isDirectory(path)) {
    throw new Error(`data directory not found: ${path} (from ${how})`);
  }
  return isAbsolute(path) ? path : resolve(path);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
