// Test helper: a writable copy of the real data directory in os.tmpdir(), to corrupt one file at a
// time (never inside the repository).
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { resolveDataDir } from "../../src/data/dataDir";

export interface TempDataDir {
  readonly dir: string;
  /** Replace a file's text (relative path) with `edit(original)`. */
  edit(path: string, edit: (text: string) => string): void;
  /** Put the original file back. */
  restore(path: string): void;
  remove(path: string): void;
  dispose(): void;
}

function makeWritable(d: string): void {
  chmodSync(d, 0o755);
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

export function tempDataDir(): TempDataDir {
  const src = resolveDataDir();
  const dir = mkdtempSync(join(tmpdir(), "bri-data-"));
  cpSync(src, dir, { recursive: true });
  makeWritable(dir);
  return {
    dir,
    edit(path, edit) {
      const p = join(dir, path);
      writeFileSync(p, edit(readFileSync(p, "utf8")));
    },
    restore(path) {
      writeFileSync(join(dir, path), readFileSync(join(src, path)));
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** 1-based file line (header = 1) of the first line of `text` that starts with `prefix`. */
export function lineStartingWith(text: string, prefix: string): number {
  const i = text.split("\n").findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with ${prefix}`);
  return i + 1;
}
