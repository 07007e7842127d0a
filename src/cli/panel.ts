/**
 * `bri-cbec panel`: build the country × year panel and write it as CSV, or print its column
 * dictionary (`--describe`) or cleaning log (`--log`).
 */
import { resolveDataDir } from "../data/dataDir";
import { writeCsv } from "../data/csvWrite";
import { buildPanel, AGREEMENT_YEAR_RULES, type AgreementYearRule, type ColumnInfo } from "../clean/panel";
import { FILL_RULES, type FillRule } from "../clean/fill";
import { formatCleaningLog } from "../clean/log";

export const summary = "build the country × year panel (CSV); --describe prints the column dictionary";

const USAGE = `usage: bri-cbec panel [--data-dir DIR] [--fill none|locf|linear] [--list 64|65]
                      [--agreement-year half-year|any-day|full-year] [--no-checksum]
                      (--out FILE.csv | --describe) [--log]

  --data-dir DIR   input data directory (default: $BRI_DATA_DIR, else ../shared/data beside the repo, else data/raw)
  --fill RULE      fill rule for LPI and Findex between editions (default none); filled cells are flagged in <var>_filled
  --list N         64-country list (default) or the 65-country 2015 variant
  --agreement-year RULE  how an FTA/RCEP entering into force during a year counts (default half-year)
  --no-checksum    skip the sha256 check against data/manifest.json (schemas are still checked)
  --out FILE.csv   write the panel (one row per iso3, year)
  --describe       print the column dictionary (name, meaning, unit, source, indicator)
  --log            print the cleaning log to stderr`;

export class UsageError extends Error {}

export interface PanelArgs {
  dataDir?: string;
  fill: FillRule;
  list: 64 | 65;
  agreementYearRule: AgreementYearRule;
  verifyChecksums: boolean;
  out?: string;
  describe: boolean;
  log: boolean;
  help: boolean;
}

/** Parse `panel` arguments; throws UsageError with a message naming the bad flag or value. */
export function parsePanelArgs(argv: readonly string[]): PanelArgs {
  const a: PanelArgs = { fill: "none", list: 64, agreementYearRule: "half-year", verifyChecksums: true, describe: false, log: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    switch (flag) {
      case "--data-dir":
        a.dataDir = value();
        break;
      case "--fill": {
        const v = value();
        if (!(FILL_RULES as readonly string[]).includes(v)) throw new UsageError(`--fill must be one of ${FILL_RULES.join(", ")}; got '${v}'`);
        a.fill = v as FillRule;
        break;
      }
      case "--list": {
        const v = value();
        if (v !== "64" && v !== "65") throw new UsageError(`--list must be 64 or 65; got '${v}'`);
        a.list = v === "64" ? 64 : 65;
        break;
      }
      case "--agreement-year": {
        const v = value();
        if (!(AGREEMENT_YEAR_RULES as readonly string[]).includes(v)) throw new UsageError(`--agreement-year must be one of ${AGREEMENT_YEAR_RULES.join(", ")}; got '${v}'`);
        a.agreementYearRule = v as AgreementYearRule;
        break;
      }
      case "--no-checksum":
        a.verifyChecksums = false;
        break;
      case "--out":
        a.out = value();
        break;
      case "--describe":
        a.describe = true;
        break;
      case "--log":
        a.log = true;
        break;
      case "--help":
      case "-h":
        a.help = true;
        break;
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (!a.help && !a.describe && a.out === undefined) throw new UsageError("give --out FILE.csv (or --describe)");
  return a;
}

/** The dictionary as an aligned text table. */
export function formatDictionary(dict: readonly ColumnInfo[]): string {
  const rows = dict.map((d) => [d.name, d.unit, d.source ? `${d.source}${d.indicator ? ` [${d.indicator}]` : ""}` : "(derived)", d.meaning]);
  const head = ["column", "unit", "source [indicator]", "meaning"];
  const w = [0, 1, 2].map((j) => Math.max(head[j]!.length, ...rows.map((r) => r[j]!.length)));
  const fmt = (r: string[]) => r.map((c, j) => (j < 3 ? c.padEnd(w[j]!) : c)).join("  ");
  return [fmt(head), fmt(w.map((n) => "-".repeat(n)).concat(["-------"])), ...rows.map(fmt)].join("\n");
}

export async function run(argv: string[]): Promise<number> {
  let args: PanelArgs;
  try {
    args = parsePanelArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bri-cbec panel: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const dataDir = resolveDataDir(args.dataDir);
  const p = buildPanel({ dataDir, fill: args.fill, list: args.list, agreementYearRule: args.agreementYearRule, verifyChecksums: args.verifyChecksums });
  if (args.describe) process.stdout.write(formatDictionary(p.dictionary) + "\n");
  if (args.log) process.stderr.write(formatCleaningLog(p.log) + "\n");
  if (args.out !== undefined) {
    writeCsv(p.frame, args.out);
    process.stderr.write(`bri-cbec panel: wrote ${p.frame.nrow} rows × ${p.frame.names.length} columns to ${args.out} (list ${args.list}, fill ${args.fill}, data ${dataDir})\n`);
  }
  return 0;
}
