/**
 * `buildPanel`: the country × year analysis panel (Belt-and-Road countries, 2015–2024) from the
 * public source files, with a column dictionary and a cleaning log.
 *
 * One row per (iso3, year), countries in registry order, years ascending. Every source file is read
 * through the manifest (checksum and schema verified). The two trade sources stay in separate
 * columns and are never spliced. Edition series (LPI, Findex) are placed at their edition year and
 * optionally filled between editions (see `fill.ts`), with a `<var>_filled` flag column.
 */
import { type CsvTable } from "../data/csv";
import { resolveDataDir } from "../data/dataDir";
import { DataError } from "../data/errors";
import { loadDataFile, loadManifest, type DataManifest } from "../data/manifest";
import {
  iso3FromOpenNumbers,
  loadCountryNameIndex,
  loadCountryRegistry,
  verifyCountryNames,
  type BriListSize,
  type CountryNameIndex,
  type CountryRegistry,
} from "../data/countries";
import { makeFrame, numeric, text, type Column, type Frame } from "../frame";
import { fillEditionGaps, FILL_RULES, type FillRule } from "./fill";
import { CleaningLogBuilder, type CleaningLog } from "./log";

/** How an agreement entering into force during year t is counted in t. */
export type AgreementYearRule = "half-year" | "any-day" | "full-year";
export const AGREEMENT_YEAR_RULES: readonly AgreementYearRule[] = ["half-year", "any-day", "full-year"];

export interface PanelOptions {
  /** Data directory (default: {@link resolveDataDir}). */
  readonly dataDir?: string;
  /** 64-country list (default) or the 65-country 2015 variant. */
  readonly list?: BriListSize;
  /** Fill rule for LPI and Findex between editions (default "none"). */
  readonly fill?: FillRule;
  /** First and last year (default 2015–2024). */
  readonly firstYear?: number;
  readonly lastYear?: number;
  /**
   * Dummy rule for FTA/RCEP entry during a year (default "half-year": 1 in year t when the
   * entry-into-force date is on or before 1 July of t, i.e. in force for at least half the year;
   * "any-day": 1 from the year of entry; "full-year": 1 only when in force on 1 January).
   */
  readonly agreementYearRule?: AgreementYearRule;
  /** Verify sha256 checksums against data/manifest.json (default true). */
  readonly verifyChecksums?: boolean;
}

export type ResolvedPanelOptions = Required<PanelOptions>;

export interface ColumnInfo {
  readonly name: string;
  readonly meaning: string;
  readonly unit: string;
  /** Source file(s) relative to the data directory ("" for keys derived from the registry). */
  readonly source: string;
  /** Indicator code(s) or source column. */
  readonly indicator: string;
  readonly role: "key" | "label" | "dependent" | "regressor" | "control" | "flag";
}

export interface PanelResult {
  readonly frame: Frame;
  readonly log: CleaningLog;
  readonly dictionary: readonly ColumnInfo[];
  readonly options: ResolvedPanelOptions;
  readonly registry: CountryRegistry;
}

const F = {
  bri: "geo/bri_countries_along_route.csv",
  nbs: "trade/china_exports_by_partner_nbs_2011_2019.csv",
  mirror: "trade/china_exports_mirror_comtrade_2014_2025.csv",
  wdi: "indicators/wdi_datahub_long.csv",
  lpi: "indicators/lpi_2007_2023_long.csv",
  wgi: "indicators/wgi_2010_2023_long.csv",
  owidGdp: "indicators/owid_ny_gdp_pcap_kd_long.csv",
  net: "indicators/opennumbers_it_net_user_zs.csv",
  fx: "indicators/opennumbers_fx_own_totl_zs.csv",
  tariffW: "indicators/opennumbers_tm_tax_mrch_wm_ar_zs.csv",
  tariffS: "indicators/opennumbers_tm_tax_mrch_sm_ar_zs.csv",
  lsci: "indicators/opennumbers_is_shp_gcnw_xq.csv",
  dist: "geo/cepii_geodist_dist_chn.csv",
  ref: "geo/country_reference.csv",
  rta: "geo/wto_rta_china.csv",
  rcep: "geo/china_rcep_membership.csv",
} as const;

/** LPI sub-scores: panel column stem, LPI code, meaning. */
export const LPI_COMPONENTS: readonly { col: string; code: string; meaning: string }[] = [
  { col: "lpi_overall_score", code: "LP.LPI.OVRL.XQ", meaning: "Logistics Performance Index, overall score" },
  { col: "lpi_customs_score", code: "LP.LPI.CUST.XQ", meaning: "LPI: efficiency of customs and border clearance" },
  { col: "lpi_infrastructure_score", code: "LP.LPI.INFR.XQ", meaning: "LPI: quality of trade and transport infrastructure" },
  { col: "lpi_intl_shipments_score", code: "LP.LPI.ITRN.XQ", meaning: "LPI: ease of arranging competitively priced international shipments" },
  { col: "lpi_logistics_competence_score", code: "LP.LPI.LOGS.XQ", meaning: "LPI: competence and quality of logistics services" },
  { col: "lpi_timeliness_score", code: "LP.LPI.TIME.XQ", meaning: "LPI: frequency with which shipments reach consignees within expected time" },
  { col: "lpi_tracking_score", code: "LP.LPI.TRAC.XQ", meaning: "LPI: ability to track and trace consignments" },
];

/**
 * Members of ASEAN (Brunei, Cambodia, Indonesia, Laos, Malaysia, Myanmar, Philippines, Singapore,
 * Thailand, Viet Nam; Cambodia, the last, joined in 1999): the parties behind the WTO signatory
 * "ASEAN Free Trade Area (AFTA)" of the ASEAN–China FTA.
 */
export const ASEAN_MEMBERS: readonly string[] = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"];

/**
 * Is an agreement with entry-into-force date `eif` (YYYY-MM-DD) counted as in force in `year`?
 * half-year: eif ≤ year-07-01; any-day: eif ≤ year-12-31; full-year: eif ≤ year-01-01.
 * @example agreementInForce("2024-07-01", 2024, "half-year"); // true
 * @example agreementInForce("2024-07-02", 2024, "half-year"); // false
 */
export function agreementInForce(eif: string, year: number, rule: AgreementYearRule): boolean {
  const cut = rule === "half-year" ? `${year}-07-01` : rule === "any-day" ? `${year}-12-31` : `${year}-01-01`;
  return eif <= cut;
}

/**
 * Build the panel. See the module documentation and {@link ColumnInfo} entries of the returned
 * dictionary for every column.
 *
 * @throws DataError (file, row, column) for a missing file, checksum mismatch, missing/renamed
 *   column, non-numeric value, duplicate key, or unknown country name
 * @example
 * const { frame, log, dictionary } = buildPanel({ fill: "linear" });
 * frame.nrow; // 640
 */
export function buildPanel(options: PanelOptions = {}): PanelResult {
  const opts: ResolvedPanelOptions = {
    dataDir: options.dataDir ?? resolveDataDir(),
    list: options.list ?? 64,
    fill: options.fill ?? "none",
    firstYear: options.firstYear ?? 2015,
    lastYear: options.lastYear ?? 2024,
    agreementYearRule: options.agreementYearRule ?? "half-year",
    verifyChecksums: options.verifyChecksums ?? true,
  };
  if (opts.list !== 64 && opts.list !== 65) throw new Error(`list must be 64 or 65, got ${String(opts.list)}`);
  if (!FILL_RULES.includes(opts.fill)) throw new Error(`fill must be one of ${FILL_RULES.join(", ")}, got ${JSON.stringify(opts.fill)}`);
  if (!AGREEMENT_YEAR_RULES.includes(opts.agreementYearRule)) {
    throw new Error(`agreementYearRule must be one of ${AGREEMENT_YEAR_RULES.join(", ")}, got ${JSON.stringify(opts.agreementYearRule)}`);
  }
  if (!(Number.isInteger(opts.firstYear) && Number.isInteger(opts.lastYear) && opts.firstYear <= opts.lastYear)) {
    throw new Error(`invalid year range ${opts.firstYear}-${opts.lastYear}`);
  }
  const manifest = loadManifest();
  const b = new Builder(opts, manifest);
  return b.build();
}

class Builder {
  private readonly log = new CleaningLogBuilder();
  private readonly cols: Record<string, Column> = {};
  private readonly dict: ColumnInfo[] = [];
  private readonly years: number[] = [];
  private readonly registry: CountryRegistry;
  private readonly rowOf = new Map<string, number>();
  private readonly nrow: number;
  private readonly tables = new Map<string, CsvTable>();
  private nameIndex: CountryNameIndex | undefined;

  constructor(
    private readonly opts: ResolvedPanelOptions,
    private readonly manifest: DataManifest,
  ) {
    for (let y = opts.firstYear; y <= opts.lastYear; y++) this.years.push(y);
    this.registry = loadCountryRegistry(opts.dataDir, opts.list, manifest, { verifyChecksum: opts.verifyChecksums });
    let r = 0;
    for (const c of this.registry.countries) for (const y of this.years) this.rowOf.set(`${c.iso3}|${y}`, r++);
    this.nrow = r;
  }

  private file(path: string): CsvTable {
    let t = this.tables.get(path);
    if (!t) {
      t = loadDataFile(this.opts.dataDir, path, this.manifest, { verifyChecksum: this.opts.verifyChecksums });
      this.tables.set(path, t);
      this.log.add("load", "*", path, t.frame.nrow, `rows read${this.opts.verifyChecksums ? "; sha256 and schema verified" : "; schema verified (checksum check off)"}`);
    }
    return t;
  }

  private names(): CountryNameIndex {
    if (!this.nameIndex) this.nameIndex = loadCountryNameIndex(this.opts.dataDir, this.manifest, { verifyChecksum: this.opts.verifyChecksums });
    return this.nameIndex;
  }

  private addColumn(info: ColumnInfo, col: Column): void {
    if (this.cols[info.name] !== undefined) throw new Error(`buildPanel: column ${info.name} defined twice`);
    this.cols[info.name] = col;
    this.dict.push(Object.freeze(info));
  }

  build(): PanelResult {
    const { registry, years, nrow } = this;
    const iso3: string[] = [];
    const year = new Float64Array(nrow);
    const name: string[] = [];
    const gcode: string[] = [];
    const gname: string[] = [];
    let r = 0;
    for (const c of registry.countries) {
      for (const y of years) {
        iso3.push(c.iso3);
        year[r] = y;
        name.push(c.nameEn);
        gcode.push(c.groupCode);
        gname.push(c.groupName);
        r++;
      }
    }
    const listCol = `list${this.opts.list === 64 ? "64_common" : "65_2015"}`;
    this.log.add("select", "*", F.bri, registry.countries.length, `countries in the ${this.opts.list}-country list (${listCol} = 1), ${registry.groups.length} groups; panel ${registry.countries.length} × ${years.length} years = ${nrow} rows`);
    this.addColumn({ name: "iso3", meaning: "country, ISO 3166-1 alpha-3", unit: "code", source: F.bri, indicator: "iso3", role: "key" }, iso3);
    this.addColumn({ name: "year", meaning: "calendar year", unit: "year", source: "", indicator: "", role: "key" }, year);
    this.addColumn({ name: "country", meaning: "country name (English)", unit: "text", source: F.bri, indicator: "name_en", role: "label" }, name);
    this.addColumn({ name: "group_code", meaning: "Belt-and-Road region group (EA, SEA, SA, CA, WANA, CIS, CEE)", unit: "code", source: F.bri, indicator: "group_code", role: "label" }, gcode);
    this.addColumn({ name: "group_name", meaning: "Belt-and-Road region group name", unit: "text", source: F.bri, indicator: "group_en", role: "label" }, gname);

    this.trade();
    this.digital();
    this.logistics();
    this.payments();
    this.institutions();
    this.agreements();
    this.gravity();

    const frame = makeFrame(this.cols);
    // invariant: unique (iso3, year)
    const seen = new Set<string>();
    for (let i = 0; i < nrow; i++) {
      const k = `${iso3[i]}|${year[i]}`;
      if (seen.has(k)) throw new DataError("panel", i + 1, "iso3+year", `duplicate key ${k}`);
      seen.add(k);
    }
    for (const info of this.dict) {
      const c = frame.columns[info.name]!;
      if (c instanceof Float64Array) {
        let miss = 0;
        for (let i = 0; i < c.length; i++) if (Number.isNaN(c[i]!)) miss++;
        if (info.role !== "flag" && info.role !== "key") this.log.add("missing", info.name, info.source, miss, `missing cells of ${nrow} after cleaning`);
      }
    }
    return Object.freeze({
      frame,
      log: this.log.build(),
      dictionary: Object.freeze([...this.dict]),
      options: Object.freeze({ ...this.opts }),
      registry,
    });
  }

  // ---------- helpers ----------

  /**
   * Place values of a long table on the panel. `code(i)` gives the ISO3 of row i (or null), `yr(i)`
   * its year, `val(i)` its value; rows failing `keep(i)` are ignored (not counted).
   */
  private place(
    variable: string,
    path: string,
    codeCol: string,
    yearCol: string,
    valueCol: string,
    opts: { keep?: (i: number) => boolean; mapCode?: (c: string) => string; what?: string } = {},
  ): Float64Array {
    const t = this.file(path);
    const f = t.frame;
    const codes = text(f, codeCol);
    const yrs = numeric(f, yearCol);
    const vals = numeric(f, valueCol);
    const out = new Float64Array(this.nrow).fill(NaN);
    const setAt = new Int32Array(this.nrow).fill(-1);
    let selected = 0;
    let outsideList = 0;
    let outsideYears = 0;
    let used = 0;
    let emptyValue = 0;
    for (let i = 0; i < f.nrow; i++) {
      if (opts.keep && !opts.keep(i)) continue;
      selected++;
      const raw = codes[i];
      const c = raw ? (opts.mapCode ? opts.mapCode(raw) : raw) : null;
      if (!c || !this.registry.has(c)) {
        outsideList++;
        continue;
      }
      const row = this.rowOf.get(`${c}|${yrs[i]}`);
      if (row === undefined) {
        outsideYears++;
        continue;
      }
      if (setAt[row] !== -1) {
        throw new DataError(path, t.rowLine[i], `${codeCol}+${yearCol}`, `duplicate (iso3, year) = (${c}, ${yrs[i]}) for ${variable}; first at row ${t.rowLine[setAt[row]!]}`);
      }
      setAt[row] = i;
      const v = vals[i]!;
      if (Number.isNaN(v)) emptyValue++;
      else used++;
      out[row] = v;
    }
    const what = opts.what ? `${opts.what}: ` : "";
    this.log.add("select", variable, path, selected, `${what}source rows selected`);
    this.log.add("drop", variable, path, outsideList, `${what}rows of countries outside the ${this.opts.list}-country list (or without a code) not used`);
    this.log.add("drop", variable, path, outsideYears, `${what}rows of list countries outside ${this.opts.firstYear}-${this.opts.lastYear} not used`);
    if (emptyValue) this.log.add("missing", variable, path, emptyValue, `${what}rows present with an empty value (kept as missing)`);
    this.log.add("select", variable, path, used, `${what}non-missing cells placed on the panel`);
    return out;
  }

  private logOf(name: string, x: Float64Array, unitNote: string, info: Omit<ColumnInfo, "name" | "meaning" | "unit" | "role">, meaning: string): void {
    const out = new Float64Array(x.length);
    let nonPos = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (Number.isNaN(v)) out[i] = NaN;
      else if (v > 0) out[i] = Math.log(v);
      else {
        out[i] = NaN;
        nonPos++;
      }
    }
    this.log.add("transform", `ln_${name}`, "", x.length, `ln(${name}); natural log of each non-missing cell`);
    if (nonPos) this.log.add("drop", `ln_${name}`, "", nonPos, `cells with ${name} <= 0 have no log and are set missing`);
    this.addColumn({ name: `ln_${name}`, meaning: `natural log of ${meaning}`, unit: `ln(${unitNote})`, role: "regressor", ...info }, out);
  }

  private wdi(variable: string, code: string): Float64Array {
    const t = this.file(F.wdi);
    const ind = text(t.frame, "indicator_code");
    return this.place(variable, F.wdi, "iso3", "year", "value", { keep: (i) => ind[i] === code, what: code });
  }

  private openNumbers(variable: string, path: string, valueCol: string): Float64Array {
    return this.place(variable, path, "geo", "time", valueCol, { mapCode: iso3FromOpenNumbers, what: `${valueCol} (geo codes lower-case ISO3; kos = XKX)` });
  }

  // ---------- blocks ----------

  private trade(): void {
    const names = this.names();
    // NBS, China-reported
    const nbs = this.file(F.nbs);
    const nc = verifyCountryNames(nbs, "partner_name_zh", "partner_iso3", this.registry, names);
    this.log.add("harmonise", "exports_nbs_usd", F.nbs, nc.verified, "rows whose Chinese partner name was checked against its partner_iso3 (registry countries)");
    const rowType = text(nbs.frame, "row_type");
    let totals = 0;
    for (let i = 0; i < nbs.frame.nrow; i++) if (rowType[i] !== "country") totals++;
    this.log.add("drop", "exports_nbs_usd", F.nbs, totals, "continent totals and residual rows (no partner country) not used");
    const ex = this.place("exports_nbs_usd", F.nbs, "partner_iso3", "year", "exports_usd", { keep: (i) => rowType[i] === "country", what: "exports_usd" });
    let after = 0;
    for (let i = 0; i < this.nrow; i++) if ((this.cols.year as Float64Array)[i]! > 2019) after++;
    this.log.add("missing", "exports_nbs_usd", F.nbs, after, "country-years after 2019: the NBS source ends in 2019 (missing by construction; never filled from the mirror series)");
    const nbsInfo = { source: F.nbs, indicator: "exports_usd (NBS 中国向<国家>出口总额, 万美元 × 10,000)" };
    this.addColumn({ name: "exports_nbs_usd", meaning: "China's merchandise exports to the country, China-reported (NBS/customs, FOB); proxy for CBEC exports", unit: "current US$", role: "dependent", ...nbsInfo }, ex);
    this.logOf("exports_nbs_usd", ex, "current US$", nbsInfo, "China-reported exports");

    // Comtrade mirror, partner-reported
    const mir = this.file(F.mirror);
    const mc = verifyCountryNames(mir, "partner_name", "partner_iso3", this.registry, names);
    this.log.add("harmonise", "imports_from_china_mirror_usd", F.mirror, mc.verified, "rows whose Comtrade reporter name was checked against its partner_iso3 (registry countries)");
    const my = numeric(mir.frame, "year");
    const mcode = text(mir.frame, "partner_iso3");
    let y2025 = 0;
    let chn = 0;
    for (let i = 0; i < mir.frame.nrow; i++) {
      if (mcode[i] === "CHN") chn++;
      else if (my[i]! > this.opts.lastYear) y2025++;
    }
    this.log.add("drop", "imports_from_china_mirror_usd", F.mirror, chn, "rows with reporter China (China's re-imports of its own goods) excluded");
    this.log.add("drop", "imports_from_china_mirror_usd", F.mirror, y2025, `rows after ${this.opts.lastYear} excluded (2025 is partial: 13 reporters)`);
    const im = this.place("imports_from_china_mirror_usd", F.mirror, "partner_iso3", "year", "imports_from_china_usd", {
      keep: (i) => mcode[i] !== "CHN" && my[i]! <= this.opts.lastYear,
      what: "imports_from_china_usd",
    });
    const mirInfo = { source: F.mirror, indicator: "imports_from_china_usd (Comtrade cmdCode TOTAL, flow M, partner China)" };
    this.addColumn({ name: "imports_from_china_mirror_usd", meaning: "the country's merchandise imports from China, partner-reported (UN Comtrade mirror, mostly CIF); proxy for CBEC exports; never spliced with exports_nbs_usd", unit: "current US$", role: "dependent", ...mirInfo }, im);
    this.logOf("imports_from_china_mirror_usd", im, "current US$", mirInfo, "partner-reported imports from China");
  }

  private digital(): void {
    const net = this.openNumbers("internet_users_pct", F.net, "it_net_user_zs");
    this.log.add("harmonise", "internet_users_pct", F.net, 1, "source choice: the open-numbers WDI vintage (2025-12, to 2024) is used; the older OWID vintage indicators/owid_it_net_user_zs_long.csv (Jan 2025, to 2023) is not read");
    this.addColumn({ name: "internet_users_pct", meaning: "individuals using the Internet (newest vintage: open-numbers WDI 2025-12)", unit: "% of population", source: F.net, indicator: "IT.NET.USER.ZS", role: "regressor" }, net);
    this.addColumn({ name: "broadband_subs_per100", meaning: "fixed broadband subscriptions", unit: "per 100 people", source: F.wdi, indicator: "IT.NET.BBND.P2", role: "regressor" }, this.wdi("broadband_subs_per100", "IT.NET.BBND.P2"));
    this.addColumn({ name: "mobile_subs_per100", meaning: "mobile cellular subscriptions", unit: "per 100 people", source: F.wdi, indicator: "IT.CEL.SETS.P2", role: "regressor" }, this.wdi("mobile_subs_per100", "IT.CEL.SETS.P2"));
    this.addColumn({ name: "secure_servers_per_million", meaning: "secure Internet servers (Netcraft-based, re-based series)", unit: "per 1 million people", source: F.wdi, indicator: "IT.NET.SECR.P6", role: "regressor" }, this.wdi("secure_servers_per_million", "IT.NET.SECR.P6"));
  }

  /** Edition series: place each country's editions, fill between editions by the rule, flag fills. */
  private editions(variable: string, path: string, codeCol: string, yearCol: string, valueCol: string, keep: (i: number) => boolean, mapCode: (c: string) => string, what: string): { value: Float64Array; filled: Float64Array } {
    const t = this.file(path);
    const f = t.frame;
    const codes = text(f, codeCol);
    const yrs = numeric(f, yearCol);
    const vals = numeric(f, valueCol);
    const per = new Map<string, { y: number[]; v: number[]; line: number[] }>();
    let selected = 0;
    let outside = 0;
    for (let i = 0; i < f.nrow; i++) {
      if (!keep(i)) continue;
      selected++;
      const c = codes[i] ? mapCode(codes[i]!) : null;
      if (!c || !this.registry.has(c)) {
        outside++;
        continue;
      }
      let s = per.get(c);
      if (!s) per.set(c, (s = { y: [], v: [], line: [] }));
      const j = s.y.indexOf(yrs[i]!);
      if (j >= 0) throw new DataError(path, t.rowLine[i], `${codeCol}+${yearCol}`, `duplicate (iso3, edition) = (${c}, ${yrs[i]}) for ${variable}; first at row ${s.line[j]}`);
      s.y.push(yrs[i]!);
      s.v.push(vals[i]!);
      s.line.push(t.rowLine[i]!);
    }
    const value = new Float64Array(this.nrow).fill(NaN);
    const filled = new Float64Array(this.nrow);
    let own = 0;
    let nFilled = 0;
    let noEditions = 0;
    let beyond = 0;
    for (const c of this.registry.countries) {
      const s = per.get(c.iso3);
      const base = this.rowOf.get(`${c.iso3}|${this.years[0]}`)!;
      if (!s) {
        noEditions++;
        continue;
      }
      const r = fillEditionGaps(s.y, s.v, this.years, this.opts.fill);
      const valid = s.y.filter((_, k) => !Number.isNaN(s.v[k]!));
      const last = Math.max(...valid);
      const first = Math.min(...valid);
      for (let k = 0; k < this.years.length; k++) {
        value[base + k] = r.value[k]!;
        filled[base + k] = r.filled[k]!;
        if (r.filled[k]) nFilled++;
        else if (!Number.isNaN(r.value[k]!)) own++;
        else if (this.years[k]! > last || this.years[k]! < first) beyond++;
      }
    }
    this.log.add("select", variable, path, selected, `${what}: source rows selected (all editions, used as fill anchors)`);
    this.log.add("drop", variable, path, outside, `${what}: rows of countries outside the ${this.opts.list}-country list not used`);
    this.log.add("select", variable, path, own, `${what}: cells with an edition of their own year`);
    this.log.add("fill", variable, path, nFilled, `cells filled by rule '${this.opts.fill}' strictly between two editions of the same country (flag ${variable}_filled = 1)`);
    this.log.add("missing", variable, path, beyond, "cells before a country's first or after its last edition: never filled (no extrapolation)");
    if (noEditions) this.log.add("missing", variable, path, noEditions * this.years.length, `cells of ${noEditions} list countries with no edition at all`);
    return { value, filled };
  }

  private logistics(): void {
    const t = this.file(F.lpi);
    const ind = text(t.frame, "indicator_code");
    const ed = new Set(numeric(t.frame, "edition_year"));
    const inPanel = [...ed].filter((y) => y >= this.opts.firstYear && y <= this.opts.lastYear).sort((a, b) => a - b);
    this.log.add("harmonise", "lpi_*", F.lpi, ed.size, `LPI edition → panel year: ${[...ed].sort((a, b) => a - b).map((y) => `${y}→${y}`).join(", ")} (the LPI file's edition_year; WDI files the 2023 edition under 2022, so the WDI LP.LPI.OVRL.XQ series is not used)`);
    for (const comp of LPI_COMPONENTS) {
      const r = this.editions(comp.col, F.lpi, "iso3", "edition_year", "value", (i) => ind[i] === comp.code, (c) => c, comp.code);
      const info = { source: F.lpi, indicator: comp.code };
      this.addColumn({ name: comp.col, meaning: `${comp.meaning} (edition years in the panel: ${inPanel.join(", ")}; fill rule '${this.opts.fill}' between editions)`, unit: "score 1 (low) to 5 (high)", role: "regressor", ...info }, r.value);
      this.addColumn({ name: `${comp.col}_filled`, meaning: `1 if ${comp.col} was filled between editions (not an edition year), else 0`, unit: "0/1", role: "flag", ...info }, r.filled);
    }
  }

  private payments(): void {
    this.addColumn({ name: "atms_per100k_adults", meaning: "automated teller machines (ATMs)", unit: "per 100,000 adults", source: F.wdi, indicator: "FB.ATM.TOTL.P5", role: "regressor" }, this.wdi("atms_per100k_adults", "FB.ATM.TOTL.P5"));
    this.addColumn({ name: "bank_branches_per100k_adults", meaning: "commercial bank branches", unit: "per 100,000 adults", source: F.wdi, indicator: "FB.CBK.BRCH.P5", role: "regressor" }, this.wdi("bank_branches_per100k_adults", "FB.CBK.BRCH.P5"));
    const waves = new Set(numeric(this.file(F.fx).frame, "time"));
    this.log.add("harmonise", "findex_account_pct", F.fx, waves.size, "Findex wave → panel year: the file's own year (2011, 2014, 2017, 2021 or 2022, 2024); the only Findex series present (no digital-payment or online-purchase series)");
    const r = this.editions("findex_account_pct", F.fx, "geo", "time", "fx_own_totl_zs", () => true, iso3FromOpenNumbers, "FX.OWN.TOTL.ZS");
    const info = { source: F.fx, indicator: "FX.OWN.TOTL.ZS" };
    this.addColumn({ name: "findex_account_pct", meaning: `account ownership at a financial institution or mobile-money provider (Global Findex waves; fill rule '${this.opts.fill}' between waves)`, unit: "% of population ages 15+", role: "regressor", ...info }, r.value);
    this.addColumn({ name: "findex_account_pct_filled", meaning: "1 if findex_account_pct was filled between survey waves, else 0", unit: "0/1", role: "flag", ...info }, r.filled);
  }

  private institutions(): void {
    const t = this.file(F.wgi);
    const ind = text(t.frame, "indicator_code");
    const wgi = (variable: string, code: string, meaning: string) => {
      const x = this.place(variable, F.wgi, "iso3", "year", "estimate", { keep: (i) => ind[i] === code, what: code });
      this.addColumn({ name: variable, meaning: `${meaning} (WGI estimate; 2024 not published in this release)`, unit: "standard normal units, approx. -2.5 to 2.5", source: F.wgi, indicator: code, role: "regressor" }, x);
    };
    wgi("wgi_regulatory_quality", "RQ.EST", "regulatory quality");
    wgi("wgi_rule_of_law", "RL.EST", "rule of law");
    wgi("wgi_government_effectiveness", "GE.EST", "government effectiveness");
    this.addColumn({ name: "tariff_weighted_pct", meaning: "applied tariff rate, trade-weighted mean, all products (to 2022)", unit: "%", source: F.tariffW, indicator: "TM.TAX.MRCH.WM.AR.ZS", role: "regressor" }, this.openNumbers("tariff_weighted_pct", F.tariffW, "tm_tax_mrch_wm_ar_zs"));
    this.addColumn({ name: "tariff_simple_pct", meaning: "applied tariff rate, simple mean, all products (to 2022)", unit: "%", source: F.tariffS, indicator: "TM.TAX.MRCH.SM.AR.ZS", role: "regressor" }, this.openNumbers("tariff_simple_pct", F.tariffS, "tm_tax_mrch_sm_ar_zs"));
    this.addColumn({ name: "liner_shipping_connectivity", meaning: "liner shipping connectivity index (UNCTAD; to 2021; landlocked countries have none)", unit: "index (this vintage's base)", source: F.lsci, indicator: "IS.SHP.GCNW.XQ", role: "regressor" }, this.openNumbers("liner_shipping_connectivity", F.lsci, "is_shp_gcnw_xq"));
  }

  private agreements(): void {
    const names = this.names();
    const rta = this.file(F.rta);
    const f = rta.frame;
    const status = text(f, "Status");
    const type = text(f, "Type");
    const cur = text(f, "Current signatories");
    const eifG = text(f, "Date of Entry into Force (G)");
    const eifS = text(f, "Date of Entry into Force (S)");
    const rtaName = text(f, "RTA Name");
    const eifOf = new Map<string, { date: string; rta: string }>();
    let used = 0;
    let notFta = 0;
    const unresolved = new Set<string>();
    for (let i = 0; i < f.nrow; i++) {
      const sigs = (cur[i] ?? "").split(";").map((s) => s.trim()).filter((s) => s.length > 0);
      if (status[i] !== "In Force" || !(type[i] ?? "").split("&").map((s) => s.trim()).includes("FTA") || !sigs.includes("China")) {
        notFta++;
        continue;
      }
      const date = eifG[i] ?? eifS[i];
      if (!date) throw new DataError(F.rta, rta.rowLine[i], "Date of Entry into Force (G)", `in-force FTA ${JSON.stringify(rtaName[i])} has no entry-into-force date`);
      used++;
      for (const s of sigs) {
        if (s === "China") continue;
        let members: readonly string[];
        if (s === "ASEAN Free Trade Area (AFTA)") members = ASEAN_MEMBERS;
        else {
          const code = names.resolve(s);
          if (code === undefined) {
            unresolved.add(s);
            continue;
          }
          members = [code];
        }
        for (const m of members) {
          const prev = eifOf.get(m);
          if (!prev || date < prev.date) eifOf.set(m, { date, rta: rtaName[i]! });
        }
      }
    }
    this.log.add("select", "fta_china_in_force", F.rta, used, "WTO RTAs in force, of type FTA (alone or with EIA), with China as current signatory (partial-scope APTA and services-only EIAs excluded); ASEAN–China expanded to the 10 ASEAN members; goods entry-into-force date (services date if none)");
    this.log.add("drop", "fta_china_in_force", F.rta, notFta, "RTAs not in force, not FTAs, or without China as signatory");
    if (unresolved.size) {
      this.log.add("drop", "fta_china_in_force", F.rta, unresolved.size, `signatory names not found in any country-name list, so not list countries (WTO naming): ${[...unresolved].join("; ")}`);
    }
    const fta = new Float64Array(this.nrow);
    const detail: string[] = [];
    for (const c of this.registry.countries) {
      const e = eifOf.get(c.iso3);
      if (e) detail.push(`${c.iso3} ${e.date} (${e.rta})`);
      for (const y of this.years) fta[this.rowOf.get(`${c.iso3}|${y}`)!] = e && agreementInForce(e.date, y, this.opts.agreementYearRule) ? 1 : 0;
    }
    this.log.add("harmonise", "fta_china_in_force", F.rta, detail.length, `list countries with an FTA with China: ${detail.join("; ")}; year rule '${this.opts.agreementYearRule}'`);
    this.addColumn({ name: "fta_china_in_force", meaning: `1 if a free trade agreement with China is in force in the year (WTO RTA database; rule '${this.opts.agreementYearRule}': in force by 1 July counts for that year)`, unit: "0/1", source: F.rta, indicator: "Date of Entry into Force (G)", role: "regressor" }, fta);

    const rc = this.file(F.rcep);
    const riso = text(rc.frame, "iso3");
    const rdate = text(rc.frame, "rcep_entry_into_force");
    const rcep = new Float64Array(this.nrow);
    let blank = 0;
    const rd = new Map<string, string>();
    for (let i = 0; i < rc.frame.nrow; i++) {
      if (!rdate[i]) {
        blank++;
        continue;
      }
      rd.set(riso[i]!, rdate[i]!);
    }
    let inList = 0;
    for (const c of this.registry.countries) {
      const d = rd.get(c.iso3);
      if (d) inList++;
      for (const y of this.years) rcep[this.rowOf.get(`${c.iso3}|${y}`)!] = d && agreementInForce(d, y, this.opts.agreementYearRule) ? 1 : 0;
    }
    this.log.add("select", "rcep_in_force", F.rcep, inList, `list countries with an RCEP entry-into-force date; year rule '${this.opts.agreementYearRule}'`);
    this.log.add("drop", "rcep_in_force", F.rcep, blank, "parties with no entry-into-force date (Myanmar, contested) counted as not in force");
    this.addColumn({ name: "rcep_in_force", meaning: `1 if RCEP is in force for the country in the year (rule '${this.opts.agreementYearRule}')`, unit: "0/1", source: F.rcep, indicator: "rcep_entry_into_force", role: "regressor" }, rcep);
  }

  private gravity(): void {
    const gdp = this.wdi("gdp_usd", "NY.GDP.MKTP.CD");
    const gdpInfo = { source: F.wdi, indicator: "NY.GDP.MKTP.CD" };
    this.addColumn({ name: "gdp_usd", meaning: "GDP", unit: "current US$", role: "control", ...gdpInfo }, gdp);
    this.logOf("gdp_usd", gdp, "current US$", gdpInfo, "GDP");
    const pc = this.wdi("gdp_pc_usd", "NY.GDP.PCAP.CD");
    const pcInfo = { source: F.wdi, indicator: "NY.GDP.PCAP.CD" };
    this.addColumn({ name: "gdp_pc_usd", meaning: "GDP per capita", unit: "current US$", role: "control", ...pcInfo }, pc);
    this.logOf("gdp_pc_usd", pc, "current US$", pcInfo, "GDP per capita");
    const pck = this.place("gdp_pc_const2015_usd", F.owidGdp, "iso3", "year", "value", { what: "NY.GDP.PCAP.KD" });
    const pckInfo = { source: F.owidGdp, indicator: "NY.GDP.PCAP.KD" };
    this.addColumn({ name: "gdp_pc_const2015_usd", meaning: "GDP per capita, constant prices (OWID copy of WDI; to 2023)", unit: "constant 2015 US$", role: "control", ...pckInfo }, pck);
    this.logOf("gdp_pc_const2015_usd", pck, "constant 2015 US$", pckInfo, "GDP per capita, constant 2015 US$");
    const pop = this.wdi("population", "SP.POP.TOTL");
    const popInfo = { source: F.wdi, indicator: "SP.POP.TOTL" };
    this.addColumn({ name: "population", meaning: "population, total", unit: "persons", role: "control", ...popInfo }, pop);
    this.logOf("population", pop, "persons", popInfo, "population");

    // CEPII distances (time-invariant), China as origin; SRB and MNE both use YUG
    const d = this.file(F.dist);
    const o = text(d.frame, "iso_o");
    const dd = text(d.frame, "iso_d");
    const distCol = numeric(d.frame, "dist");
    const distwCol = numeric(d.frame, "distw");
    const contigCol = numeric(d.frame, "contig");
    const byCepii = new Map<string, number>();
    for (let i = 0; i < d.frame.nrow; i++) if (o[i] === "CHN") byCepii.set(dd[i]!, i);
    const dist = new Float64Array(this.nrow).fill(NaN);
    const distw = new Float64Array(this.nrow).fill(NaN);
    const contig = new Float64Array(this.nrow).fill(NaN);
    const shared: string[] = [];
    let found = 0;
    for (const c of this.registry.countries) {
      const i = byCepii.get(c.cepiiIso3);
      if (c.cepiiIso3 !== c.iso3) shared.push(`${c.iso3}→${c.cepiiIso3}`);
      if (i === undefined) continue;
      found++;
      for (const y of this.years) {
        const r = this.rowOf.get(`${c.iso3}|${y}`)!;
        dist[r] = distCol[i]!;
        distw[r] = distwCol[i]!;
        contig[r] = contigCol[i]!;
      }
    }
    this.log.add("harmonise", "dist_km", F.dist, shared.length, `ISO3 → CEPII code where they differ: ${shared.join(", ")} (Serbia and Montenegro share YUG: same distances)`);
    this.log.add("select", "dist_km", F.dist, found, "list countries matched to a CEPII pair with iso_o = CHN (values repeated over years)");
    const distInfo = { source: F.dist, indicator: "dist" };
    this.addColumn({ name: "dist_km", meaning: "great-circle distance between the most populated cities of China and the country (CEPII; time-invariant)", unit: "km", role: "control", ...distInfo }, dist);
    this.logOf("dist_km", dist, "km", distInfo, "distance to China");
    const distwInfo = { source: F.dist, indicator: "distw" };
    this.addColumn({ name: "distw_km", meaning: "population-weighted distance to China, theta = 1 (CEPII; time-invariant)", unit: "km", role: "control", ...distwInfo }, distw);
    this.logOf("distw_km", distw, "km", distwInfo, "population-weighted distance to China");
    this.addColumn({ name: "contiguous", meaning: "1 if the country shares a land border with China (CEPII contig)", unit: "0/1", source: F.dist, indicator: "contig", role: "control" }, contig);

    const ref = this.file(F.ref);
    const riso = text(ref.frame, "iso3");
    const ll = numeric(ref.frame, "landlocked");
    const llBy = new Map<string, number>();
    for (let i = 0; i < ref.frame.nrow; i++) llBy.set(riso[i]!, ll[i]!);
    const landlocked = new Float64Array(this.nrow).fill(NaN);
    for (const c of this.registry.countries) {
      const v = llBy.get(c.iso3);
      for (const y of this.years) landlocked[this.rowOf.get(`${c.iso3}|${y}`)!] = v ?? NaN;
    }
    this.log.add("harmonise", "landlocked", F.ref, 1, "country_reference.landlocked: CEPII geo_cepii value, overridden for Serbia (1; CEPII YUG says 0) and South Sudan");
    this.addColumn({ name: "landlocked", meaning: "1 if the country has no sea coast (CEPII, Serbia corrected)", unit: "0/1", source: F.ref, indicator: "landlocked", role: "control" }, landlocked);
  }
}
