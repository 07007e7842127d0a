// buildPanel against the source files: every expected value is read from the source CSVs (or the
// coverage tables of the data folder's PROVENANCE.md files) inside this test; none is typed in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPanel, type PanelResult } from "../../src/clean/panel";
import { coverageTable } from "../../src/clean/coverage";
import { formatCleaningLog, logEntries } from "../../src/clean/log";
import { readCsvFrame } from "../../src/data/csv";
import { resolveDataDir } from "../../src/data/dataDir";
import { numeric, text, type Frame } from "../../src/frame";

const dataDir = resolveDataDir();
const src = (p: string): Frame => readCsvFrame(join(dataDir, p));
const P: Record<string, PanelResult> = {
  none: buildPanel({ dataDir }),
  locf: buildPanel({ dataDir, fill: "locf" }),
  linear: buildPanel({ dataDir, fill: "linear" }),
};
const panel = P.none!;

/** Row index of (iso3, year) in a panel frame. */
function rowIndex(f: Frame): Map<string, number> {
  const iso = text(f, "iso3");
  const yr = numeric(f, "year");
  const m = new Map<string, number>();
  for (let i = 0; i < f.nrow; i++) m.set(`${iso[i]}|${yr[i]}`, i);
  return m;
}
const idx = rowIndex(panel.frame);
const listIso = [...new Set(text(panel.frame, "iso3"))] as string[];
const YEARS = [...new Set(numeric(panel.frame, "year"))];

/** Rows of the PROVENANCE.md coverage table: file | indicator | economies | years | cells | any | none. */
function provenanceCoverage(): { file: string; indicator: string; cells: number; none: string[] }[] {
  const md = readFileSync(join(dataDir, "indicators/PROVENANCE.md"), "utf8");
  return md
    .split("\n")
    .filter((l) => /^\| \w+\.csv \| [A-Z]/.test(l))
    .map((l) => {
      const c = l.split("|").map((s) => s.trim());
      return { file: c[1]!, indicator: c[2]!, cells: Number(c[5]), none: c[7] === "-" ? [] : c[7]!.split(/,\s*/) };
    });
}

test("shape: 64 countries × 2015-2024 = 640 rows, unique (iso3, year), 7 groups as in the list file", () => {
  const bri = src("geo/bri_countries_along_route.csv");
  const flag = numeric(bri, "list64_common");
  const iso = text(bri, "iso3");
  const expected = iso.filter((_, i) => flag[i] === 1);
  assert.deepEqual(listIso, expected);
  assert.equal(panel.frame.nrow, expected.length * 10);
  assert.equal(panel.frame.nrow, 640);
  assert.equal(idx.size, panel.frame.nrow); // unique keys
  assert.deepEqual(YEARS, [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
  const groups = new Set(text(bri, "group_code").filter((_, i) => flag[i] === 1));
  assert.equal(panel.registry.groups.length, groups.size);
  assert.equal(groups.size, 7);
});

test("65-country 2015 variant: 650 rows, the list65_2015 countries", () => {
  const p65 = buildPanel({ dataDir, list: 65 });
  const bri = src("geo/bri_countries_along_route.csv");
  const flag = numeric(bri, "list65_2015");
  const expected = text(bri, "iso3").filter((_, i) => flag[i] === 1);
  assert.equal(p65.frame.nrow, 650);
  assert.deepEqual([...new Set(text(p65.frame, "iso3"))], expected);
  assert.equal(rowIndex(p65.frame).size, 650);
});

test("NBS China-reported exports equal the source for 2015-2019 (e.g. KAZ 2015) and are missing after 2019", () => {
  const s = src("trade/china_exports_by_partner_nbs_2011_2019.csv");
  const iso = text(s, "partner_iso3");
  const yr = numeric(s, "year");
  const v = numeric(s, "exports_usd");
  const x = numeric(panel.frame, "exports_nbs_usd");
  const lx = numeric(panel.frame, "ln_exports_nbs_usd");
  let kaz2015 = NaN;
  let matched = 0;
  for (let i = 0; i < s.nrow; i++) {
    const r = idx.get(`${iso[i]}|${yr[i]}`);
    if (r === undefined) continue;
    if (iso[i] === "KAZ" && yr[i] === 2015) kaz2015 = v[i]!;
    assert.equal(x[r], v[i], `${iso[i]} ${yr[i]}`);
    assert.equal(lx[r], Math.log(v[i]!));
    matched++;
  }
  assert.equal(x[idx.get("KAZ|2015")!], kaz2015);
  assert.ok(kaz2015 > 0);
  assert.equal(matched, 64 * 5);
  for (const c of listIso) for (const y of YEARS) if (y > 2019) assert.ok(Number.isNaN(x[idx.get(`${c}|${y}`)!]!));
});

test("Comtrade mirror equals the source; 2025 and reporter China excluded; countries per year match trade/PROVENANCE.md", () => {
  const s = src("trade/china_exports_mirror_comtrade_2014_2025.csv");
  const iso = text(s, "partner_iso3");
  const yr = numeric(s, "year");
  const v = numeric(s, "imports_from_china_usd");
  const x = numeric(panel.frame, "imports_from_china_mirror_usd");
  const expected = new Float64Array(panel.frame.nrow).fill(NaN);
  for (let i = 0; i < s.nrow; i++) {
    const r = idx.get(`${iso[i]}|${yr[i]}`);
    if (r !== undefined) expected[r] = v[i]!;
  }
  assert.deepEqual(Array.from(x), Array.from(expected));
  // documented table "| 2015 | 57 |" ... in trade/PROVENANCE.md
  const md = readFileSync(join(dataDir, "trade/PROVENANCE.md"), "utf8");
  const rows = [...md.matchAll(/^\s*\| (20\d\d) \| (\d+) \|\s*$/gm)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const yrs = numeric(panel.frame, "year");
  let checked = 0;
  for (const [y, n] of rows) {
    if (!YEARS.includes(y)) continue;
    let c = 0;
    for (let i = 0; i < panel.frame.nrow; i++) if (yrs[i] === y && !Number.isNaN(x[i]!)) c++;
    assert.equal(c, n, `mirror countries in ${y}`);
    checked++;
  }
  assert.equal(checked, 10);
});

test("every WDI-sourced column equals the WDI file cell by cell (missing where the file has no row)", () => {
  const s = src("indicators/wdi_datahub_long.csv");
  const key = new Map<string, number>();
  const iso = text(s, "iso3");
  const ind = text(s, "indicator_code");
  const yr = numeric(s, "year");
  const v = numeric(s, "value");
  for (let i = 0; i < s.nrow; i++) key.set(`${ind[i]}|${iso[i]}|${yr[i]}`, v[i]!);
  const cols = panel.dictionary.filter((d) => d.source === "indicators/wdi_datahub_long.csv" && !d.name.startsWith("ln_"));
  assert.ok(cols.length >= 8);
  for (const d of cols) {
    const x = numeric(panel.frame, d.name);
    for (const c of listIso) {
      for (const y of YEARS) {
        const e = key.get(`${d.indicator}|${c}|${y}`);
        const got = x[idx.get(`${c}|${y}`)!]!;
        if (e === undefined) assert.ok(Number.isNaN(got), `${d.name} ${c} ${y}`);
        else assert.equal(got, e, `${d.name} ${c} ${y}`);
      }
    }
  }
});

test("open-numbers columns equal their files (lower-case geo codes)", () => {
  for (const d of panel.dictionary.filter((d) => d.source.includes("opennumbers_") && !d.name.endsWith("_filled"))) {
    const s = src(d.source);
    const valueCol = s.names[2]!;
    const geo = text(s, "geo");
    const t = numeric(s, "time");
    const v = numeric(s, valueCol);
    const m = new Map<string, number>();
    for (let i = 0; i < s.nrow; i++) m.set(`${geo[i]!.toUpperCase()}|${t[i]}`, v[i]!);
    const x = numeric(panel.frame, d.name);
    for (const c of listIso) for (const y of YEARS) {
      const e = m.get(`${c}|${y}`);
      const got = x[idx.get(`${c}|${y}`)!]!;
      if (e === undefined) assert.ok(Number.isNaN(got), `${d.name} ${c} ${y}`);
      else assert.equal(got, e, `${d.name} ${c} ${y}`);
    }
  }
});

test("coverage (fill none) equals the counts documented in indicators/PROVENANCE.md, incl. 173 LPI cells and countries with none", () => {
  const table = provenanceCoverage();
  const cov = coverageTable(panel.frame);
  const covVar = text(cov, "variable");
  const covPresent = numeric(cov, "present");
  const covNone = text(cov, "countries_all_missing");
  let checked = 0;
  for (const d of panel.dictionary) {
    const base = d.source.split("/").pop()!;
    const row = table.find((r) => r.file === base && r.indicator === d.indicator);
    if (!row || d.name.startsWith("ln_") || d.name.endsWith("_filled")) continue;
    const k = covVar.indexOf(d.name);
    assert.equal(covPresent[k], row.cells, `${d.name} (${row.indicator})`);
    assert.deepEqual((covNone[k] ?? "").split(" ").filter(Boolean).sort(), [...row.none].sort(), `${d.name} countries with none`);
    checked++;
  }
  // WDI (broadband, mobile, servers, ATMs, branches, GDP, GDP pc, population), WGI x3, LPI x7, OWID GDP pc
  assert.ok(checked >= 19, `only ${checked} columns checked`);
  const lpi = table.find((r) => r.file === "lpi_2007_2023_long.csv" && r.indicator === "LP.LPI.OVRL.XQ")!;
  assert.equal(covPresent[covVar.indexOf("lpi_overall_score")], lpi.cells);
});

/** Editions per country for one LPI code (or the Findex file), read from the source. */
function editionsOf(col: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  const put = (c: string, y: number, v: number) => {
    if (!out.has(c)) out.set(c, new Map());
    out.get(c)!.set(y, v);
  };
  const d = panel.dictionary.find((x) => x.name === col)!;
  if (d.source.includes("lpi_")) {
    const s = src(d.source);
    const iso = text(s, "iso3");
    const ind = text(s, "indicator_code");
    const yr = numeric(s, "edition_year");
    const v = numeric(s, "value");
    for (let i = 0; i < s.nrow; i++) if (ind[i] === d.indicator) put(iso[i]!, yr[i]!, v[i]!);
  } else {
    const s = src(d.source);
    const geo = text(s, "geo");
    const t = numeric(s, "time");
    const v = numeric(s, s.names[2]!);
    for (let i = 0; i < s.nrow; i++) put(geo[i]!.toUpperCase(), t[i]!, v[i]!);
  }
  return out;
}

test("edition fill: values only strictly inside each country's edition range, correct locf/linear values, every fill flagged", () => {
  const editionCols = panel.dictionary.filter((d) => panel.frame.names.includes(`${d.name}_filled`)).map((d) => d.name);
  assert.equal(editionCols.length, 8); // 7 LPI + Findex
  for (const col of editionCols) {
    const eds = editionsOf(col);
    for (const rule of ["none", "locf", "linear"] as const) {
      const f = P[rule]!.frame;
      const x = numeric(f, col);
      const flag = numeric(f, `${col}_filled`);
      const ix = rowIndex(f);
      let nFlag = 0;
      for (const c of listIso) {
        const e = eds.get(c) ?? new Map<number, number>();
        const ys = [...e.keys()].sort((a, b) => a - b);
        for (const y of YEARS) {
          const r = ix.get(`${c}|${y}`)!;
          if (e.has(y)) {
            assert.equal(x[r], e.get(y), `${col} ${c} ${y} edition value`);
            assert.equal(flag[r], 0);
            continue;
          }
          const prev = ys.filter((z) => z < y).pop();
          const next = ys.find((z) => z > y);
          if (flag[r] === 1) {
            nFlag++;
            // no fill outside the edition range
            assert.ok(prev !== undefined && next !== undefined, `${col} ${c} ${y} filled outside [${ys[0]}, ${ys[ys.length - 1]}]`);
            const x0 = e.get(prev!)!;
            const x1 = e.get(next!)!;
            const want = rule === "locf" ? x0 : x0 + ((x1 - x0) * (y - prev!)) / (next! - prev!);
            assert.ok(Math.abs(x[r]! - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${col} ${c} ${y} ${rule}`);
          } else {
            assert.ok(Number.isNaN(x[r]!), `${col} ${c} ${y} has a value but no edition and no flag`);
            if (rule !== "none") assert.ok(prev === undefined || next === undefined, `${col} ${c} ${y} left missing inside the edition range`);
          }
        }
      }
      if (rule === "none") assert.equal(nFlag, 0);
      else assert.ok(nFlag > 0);
      const logged = logEntries(P[rule]!.log, col, "fill").reduce((s, e) => s + e.count, 0);
      assert.equal(logged, nFlag, `${col} ${rule}: logged fills`);
    }
  }
});

test("FTA and RCEP dummies follow the source entry-into-force dates (in force by 1 July counts)", () => {
  const rta = src("geo/wto_rta_china.csv");
  const bri = src("geo/bri_countries_along_route.csv");
  const briIso = text(bri, "iso3");
  const briName = text(bri, "name_en");
  const asean = briIso.filter((_, i) => text(bri, "group_code")[i] === "SEA" && numeric(bri, "list65_2015")[i] === 1); // ASEAN 10
  const eif = new Map<string, string>();
  const status = text(rta, "Status");
  const type = text(rta, "Type");
  const sig = text(rta, "Current signatories");
  const dG = text(rta, "Date of Entry into Force (G)");
  const dS = text(rta, "Date of Entry into Force (S)");
  for (let i = 0; i < rta.nrow; i++) {
    if (status[i] !== "In Force" || !/\bFTA\b/.test(type[i] ?? "")) continue;
    const parties = (sig[i] ?? "").split("; ");
    if (!parties.includes("China")) continue;
    const date = (dG[i] ?? dS[i])!;
    for (const p of parties) {
      const members = p.startsWith("ASEAN") ? asean : briIso.filter((_, k) => briName[k] === p);
      for (const m of members) if (m && (!eif.has(m) || date < eif.get(m)!)) eif.set(m, date);
    }
  }
  assert.ok(eif.has("GEO") && eif.has("SRB") && eif.has("PAK"));
  const fta = numeric(panel.frame, "fta_china_in_force");
  for (const c of listIso) for (const y of YEARS) {
    const d = eif.get(c);
    assert.equal(fta[idx.get(`${c}|${y}`)!], d !== undefined && d <= `${y}-07-01` ? 1 : 0, `fta ${c} ${y}`);
  }
  // the rule matters only for mid-year entries: full-year moves SRB (entry 1 July 2024) out of 2024
  const full = buildPanel({ dataDir, agreementYearRule: "full-year" });
  const srb2024 = rowIndex(full.frame).get("SRB|2024")!;
  assert.equal(numeric(full.frame, "fta_china_in_force")[srb2024], eif.get("SRB")! <= "2024-01-01" ? 1 : 0);

  const rc = src("geo/china_rcep_membership.csv");
  const rd = new Map<string, string>();
  text(rc, "iso3").forEach((c, i) => {
    const d = text(rc, "rcep_entry_into_force")[i];
    if (d) rd.set(c!, d);
  });
  const rcep = numeric(panel.frame, "rcep_in_force");
  for (const c of listIso) for (const y of YEARS) {
    const d = rd.get(c);
    assert.equal(rcep[idx.get(`${c}|${y}`)!], d !== undefined && d <= `${y}-07-01` ? 1 : 0, `rcep ${c} ${y}`);
  }
});

test("gravity: CEPII distances via cepii_iso3 (SRB and MNE share YUG), contiguity, landlocked from country_reference", () => {
  const dist = readCsvFrame(join(dataDir, "geo/cepii_geodist_dist_chn.csv"), { missing: ["."] });
  const o = text(dist, "iso_o");
  const d = text(dist, "iso_d");
  const bri = src("geo/bri_countries_along_route.csv");
  const cep = new Map(text(bri, "iso3").map((c, i) => [c!, text(bri, "cepii_iso3")[i]!] as const));
  const ref = src("geo/country_reference.csv");
  const ll = new Map(text(ref, "iso3").map((c, i) => [c!, numeric(ref, "landlocked")[i]!]));
  for (const c of listIso) {
    const i = o.findIndex((x, k) => x === "CHN" && d[k] === cep.get(c!));
    assert.ok(i >= 0, c);
    for (const y of YEARS) {
      const r = idx.get(`${c}|${y}`)!;
      assert.equal(numeric(panel.frame, "dist_km")[r], numeric(dist, "dist")[i]);
      assert.equal(numeric(panel.frame, "distw_km")[r], numeric(dist, "distw")[i]);
      assert.equal(numeric(panel.frame, "contiguous")[r], numeric(dist, "contig")[i]);
      assert.equal(numeric(panel.frame, "ln_dist_km")[r], Math.log(numeric(dist, "dist")[i]!));
      assert.equal(numeric(panel.frame, "landlocked")[r], ll.get(c));
    }
  }
  const dk = numeric(panel.frame, "dist_km");
  assert.equal(dk[idx.get("SRB|2015")!], dk[idx.get("MNE|2015")!]);
});

test("dictionary documents every column (and nothing else); log counts the missing cells of every variable", () => {
  assert.deepEqual(panel.dictionary.map((d) => d.name), [...panel.frame.names]);
  for (const d of panel.dictionary) {
    assert.ok(d.meaning.length > 2 && d.unit.length > 0, d.name);
    if (d.role !== "key") assert.ok(d.source.length > 0, `${d.name} has no source`);
  }
  for (const d of panel.dictionary) {
    const c = panel.frame.columns[d.name];
    if (!(c instanceof Float64Array) || d.role === "flag" || d.role === "key") continue;
    let miss = 0;
    for (const v of c) if (Number.isNaN(v)) miss++;
    const e = logEntries(panel.log, d.name, "missing").find((x) => x.detail.startsWith("missing cells of"));
    assert.ok(e, `no missing-count entry for ${d.name}`);
    assert.equal(e.count, miss, d.name);
  }
  const printed = formatCleaningLog(panel.log);
  assert.match(printed, /fill\s+lpi_overall_score\s+0 /);
  assert.match(printed, /imports_from_china_mirror_usd/);
});

test("ln_ columns are the natural log of their level (missing where the level is missing or not positive)", () => {
  for (const name of panel.frame.names.filter((n) => n.startsWith("ln_"))) {
    const lv = numeric(panel.frame, name.slice(3));
    const ln = numeric(panel.frame, name);
    for (let i = 0; i < lv.length; i++) {
      if (lv[i]! > 0) assert.equal(ln[i], Math.log(lv[i]!), `${name} row ${i}`);
      else assert.ok(Number.isNaN(ln[i]!), `${name} row ${i}`);
    }
  }
});
