/**
 * Country registry: the Belt-and-Road country lists and ISO3 harmonisation across sources.
 *
 * The lists are read from `geo/bri_countries_along_route.csv` (never hard-coded): `list64_common`
 * (64 countries, the variant common in Chinese empirical papers; default) or `list65_2015` (the 65
 * countries of the 2015 descriptions: Greece and Cyprus in, Timor-Leste out). Seven groups: EA, SEA,
 * SA, CA, WANA, CIS, CEE.
 *
 * Code systems met in the sources and how they map to ISO 3166-1 alpha-3:
 * - World Bank / WDI / WGI / LPI / OWID: ISO3, except Kosovo = XKX (not ISO; not in the lists).
 * - open-numbers DDF: lower-case ISO3, except Kosovo = `kos` (→ XKX) and Curaçao = `nld_curacao` (→ CUW).
 * - CEPII GeoDist: ROM = ROU, ZAR = COD, TMP = TLS, PAL = PSE, and YUG = Serbia AND Montenegro
 *   (one code for two countries); the per-country map is the `cepii_iso3` column of the list.
 * - NBS (Chinese names) and UN Comtrade (English names): the files carry ISO3 codes; the names are
 *   verified against a name index built from the reference files plus {@link NAME_ALIASES}.
 */
import { type CsvTable } from "./csv";
import { DataError } from "./errors";
import { loadDataFile, loadManifest, type DataManifest, type LoadOptions } from "./manifest";
import { numeric, text } from "../frame";

export type BriListSize = 64 | 65;

export interface Country {
  readonly iso3: string;
  /** Code of this country in CEPII GeoDist (YUG for both SRB and MNE). */
  readonly cepiiIso3: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly groupCode: string;
  readonly groupName: string;
  readonly groupNameZh: string;
}

export interface CountryGroup {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  readonly iso3: readonly string[];
}

export interface CountryRegistry {
  readonly list: BriListSize;
  /** Countries in file order (grouped). */
  readonly countries: readonly Country[];
  readonly groups: readonly CountryGroup[];
  /** Look up by ISO3; undefined if the country is not in this list. */
  get(iso3: string): Country | undefined;
  has(iso3: string): boolean;
}

export const BRI_LIST_FILE = "geo/bri_countries_along_route.csv";

/**
 * Load the 64- or 65-country list with its groups.
 *
 * @throws DataError when the file does not give exactly `list` countries in 7 groups
 * @example
 * const reg = loadCountryRegistry(resolveDataDir(), 64);
 * reg.countries.length; // 64
 * reg.get("SRB")!.cepiiIso3; // "YUG"
 */
export function loadCountryRegistry(dataDir: string, list: BriListSize = 64, manifest: DataManifest = loadManifest(), load: LoadOptions = {}): CountryRegistry {
  if (list !== 64 && list !== 65) throw new Error(`country list must be 64 or 65, got ${String(list)}`);
  const t = loadDataFile(dataDir, BRI_LIST_FILE, manifest, load);
  return registryFromTable(t, list);
}

function registryFromTable(t: CsvTable, list: BriListSize): CountryRegistry {
  const f = t.frame;
  const flagName = list === 64 ? "list64_common" : "list65_2015";
  const flag = numeric(f, flagName);
  const iso3 = text(f, "iso3");
  const cepii = text(f, "cepii_iso3");
  const en = text(f, "name_en");
  const zh = text(f, "name_zh");
  const gc = text(f, "group_code");
  const ge = text(f, "group_en");
  const gz = text(f, "group_zh");
  const countries: Country[] = [];
  for (let i = 0; i < f.nrow; i++) {
    if (flag[i] !== 1) continue;
    countries.push(
      Object.freeze({
        iso3: iso3[i]!,
        cepiiIso3: cepii[i]!,
        nameEn: en[i]!,
        nameZh: zh[i]!,
        groupCode: gc[i]!,
        groupName: ge[i]!,
        groupNameZh: gz[i]!,
      }),
    );
  }
  if (countries.length !== list) {
    throw new DataError(t.file, undefined, flagName, `expected ${list} countries flagged 1, found ${countries.length}`);
  }
  const groups: CountryGroup[] = [];
  for (const c of countries) {
    let g = groups.find((x) => x.code === c.groupCode);
    if (!g) {
      g = { code: c.groupCode, name: c.groupName, nameZh: c.groupNameZh, iso3: [] };
      groups.push(g);
    }
    (g.iso3 as string[]).push(c.iso3);
  }
  if (groups.length !== 7) {
    throw new DataError(t.file, undefined, "group_code", `expected 7 groups, found ${groups.length} (${groups.map((g) => g.code).join(", ")})`);
  }
  const by = new Map(countries.map((c) => [c.iso3, c]));
  return Object.freeze({
    list,
    countries: Object.freeze(countries),
    groups: Object.freeze(groups.map((g) => Object.freeze({ ...g, iso3: Object.freeze([...g.iso3]) }))),
    get: (code: string) => by.get(code),
    has: (code: string) => by.has(code),
  });
}

/** CEPII codes that differ from ISO3 (YUG stands for two countries; see {@link iso3FromCepii}). */
export const CEPII_TO_ISO3: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ROM: ["ROU"],
  ZAR: ["COD"],
  TMP: ["TLS"],
  PAL: ["PSE"],
  YUG: ["SRB", "MNE"],
});

/**
 * ISO3 codes a CEPII code stands for.
 * @example iso3FromCepii("YUG"); // ["SRB", "MNE"]
 * @example iso3FromCepii("KAZ"); // ["KAZ"]
 */
export function iso3FromCepii(code: string): readonly string[] {
  return CEPII_TO_ISO3[code] ?? [code];
}

/** open-numbers DDF geo codes that are not lower-case ISO3. */
export const OPEN_NUMBERS_TO_ISO3: Readonly<Record<string, string>> = Object.freeze({ kos: "XKX", nld_curacao: "CUW" });

/**
 * ISO3 (World Bank style) for an open-numbers DDF `geo` code.
 * @example iso3FromOpenNumbers("kaz"); // "KAZ"
 * @example iso3FromOpenNumbers("kos"); // "XKX"
 */
export function iso3FromOpenNumbers(geo: string): string {
  return OPEN_NUMBERS_TO_ISO3[geo] ?? geo.toUpperCase();
}

/**
 * Spellings met in the trade files that none of the reference name columns contain, each with the
 * file it appears in. Everything else resolves through the reference files' own name columns.
 */
export const NAME_ALIASES: Readonly<Record<string, { iso3: string; seenIn: string }>> = Object.freeze({
  也门共和国: { iso3: "YEM", seenIn: "trade/china_exports_by_partner_nbs_2011_2019.csv" },
  马其顿: { iso3: "MKD", seenIn: "trade/china_exports_by_partner_nbs_2011_2019.csv (name before 2019)" },
  "Lao People's Dem. Rep.": { iso3: "LAO", seenIn: "trade/china_exports_mirror_comtrade_2014_2025.csv" },
  "Rep. of Moldova": { iso3: "MDA", seenIn: "trade/china_exports_mirror_comtrade_2014_2025.csv" },
  "Bosnia Herzegovina": { iso3: "BIH", seenIn: "trade/china_exports_mirror_comtrade_2014_2025.csv" },
  "State of Palestine": { iso3: "PSE", seenIn: "trade/china_exports_mirror_comtrade_2014_2025.csv" },
  Türkiye: { iso3: "TUR", seenIn: "trade/china_exports_mirror_comtrade_2014_2025.csv" },
});

export interface CountryNameIndex {
  /** ISO3 for a country name (English or Chinese, case- and space-insensitive), or undefined. */
  resolve(name: string): string | undefined;
  readonly size: number;
}

function normaliseName(s: string): string {
  return s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * A name → ISO3 index from the B&R list (name_en, name_zh), `geo/country_reference.csv` (name_en,
 * name_official_en, name_zh), `geo/datahub_country_codes.csv` (official names EN/CN, UNTERM short
 * names EN/ZH, CLDR display name) and {@link NAME_ALIASES}. Earlier sources win a conflict.
 */
export function loadCountryNameIndex(dataDir: string, manifest: DataManifest = loadManifest(), load: LoadOptions = {}): CountryNameIndex {
  const map = new Map<string, string>();
  const add = (name: string | null | undefined, iso3: string | null | undefined) => {
    if (!name || !iso3) return;
    const k = normaliseName(name);
    if (!map.has(k)) map.set(k, iso3);
  };
  for (const [name, a] of Object.entries(NAME_ALIASES)) add(name, a.iso3);
  const bri = loadDataFile(dataDir, BRI_LIST_FILE, manifest, load).frame;
  const refT = loadDataFile(dataDir, "geo/country_reference.csv", manifest, load).frame;
  const dh = loadDataFile(dataDir, "geo/datahub_country_codes.csv", manifest, load).frame;
  const addCols = (f: typeof bri, codeCol: string, nameCols: string[]) => {
    const code = text(f, codeCol);
    for (const nc of nameCols) {
      const names = text(f, nc);
      for (let i = 0; i < f.nrow; i++) add(names[i], code[i]);
    }
  };
  addCols(bri, "iso3", ["name_en", "name_zh"]);
  addCols(refT, "iso3", ["name_en", "name_official_en", "name_zh"]);
  addCols(dh, "ISO3166-1-Alpha-3", ["official_name_en", "CLDR display name", "UNTERM English Short", "official_name_cn", "UNTERM Chinese Short"]);
  return { resolve: (name: string) => map.get(normaliseName(name)), size: map.size };
}

export interface NameCheck {
  /** Rows whose ISO3 is in the registry and whose name resolved to that ISO3. */
  readonly verified: number;
  /** Rows outside the registry, not checked. */
  readonly skipped: number;
}

/**
 * Verify that every row of a source that names a registry country carries the matching ISO3.
 *
 * For a row whose `iso3Column` is a registry country, `nameColumn` must resolve (through the
 * name index) to that same code; for a row with an empty code, the name must not resolve to a
 * registry country (else that country's value would be lost silently).
 *
 * @throws DataError naming file, row and the name column: "unknown country name" or a mismatch
 */
export function verifyCountryNames(
  table: CsvTable,
  nameColumn: string,
  iso3Column: string,
  registry: CountryRegistry,
  names: CountryNameIndex,
): NameCheck {
  const nm = text(table.frame, nameColumn);
  const code = text(table.frame, iso3Column);
  let verified = 0;
  let skipped = 0;
  for (let i = 0; i < table.frame.nrow; i++) {
    const c = code[i];
    const name = nm[i];
    if (c && registry.has(c)) {
      const r = name ? names.resolve(name) : undefined;
      if (r === undefined) {
        throw new DataError(table.file, table.rowLine[i], nameColumn, `unknown country name ${JSON.stringify(name)} (row coded ${c}; add the spelling to NAME_ALIASES in src/data/countries.ts if it is a variant)`);
      }
      if (r !== c) {
        throw new DataError(table.file, table.rowLine[i], nameColumn, `country name ${JSON.stringify(name)} is ${r}, but column '${iso3Column}' says ${c}`);
      }
      verified++;
    } else if (!c && name) {
      const r = names.resolve(name);
      if (r !== undefined && registry.has(r)) {
        throw new DataError(table.file, table.rowLine[i], iso3Column, `empty code for ${JSON.stringify(name)}, which is ${r}, a Belt-and-Road country`);
      }
      skipped++;
    } else {
      skipped++;
    }
  }
  return { verified, skipped };
}
