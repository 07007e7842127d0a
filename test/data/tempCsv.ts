// Test helper: write a CSV text to a file in a fresh directory under os.tmpdir(), run `f` on its
// path, then remove the directory (never inside the repository).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

export function withCsvFile(text: string, f: (path: string) => void, prefix = "csv-"): void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const p = join(dir, "t.csv");
    writeFileSync(p, text);
    f(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
