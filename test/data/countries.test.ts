import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadCountryRegistry,
  loadCountryNameIndex,
  verifyCountryNames,
  iso3FromCepii,
  iso3FromOpenNumbers,
  NAME_ALIASES,
} from "../../src/data/countries";
import { readCsvFrame, readCsvTable, parseCsv } from "../../src/data/csv";
import { resolveDataDir } from "../../src/data/dataDir";
import { DataError } from "../../src/data/errors";
import { numeric, text } from "../../src/frame";

const dataDir = resolveDataDir();
const bri = readCsvFrame(join(dataDir, "geo/bri_countries_along_route.csv"));

test("registry: 64 and 65 lists as flagged in the list file, in 7 groups, with CEPII codes", () => {
  for (const [size, col] of [[64, "list64_common"], [65, "list65_2015"]] as const) {
    const reg = loadCountryRegistry(dataDir, size);
    const flag = numeric(bri, col);
    const want = text(bri, "iso3").filter((_, i) => flag[i] === 1);
    assert.deepEqual(reg.countries.map((c) => c.iso3), want);
    assert.equal(reg.groups.length, 7);
    assert.equal(reg.groups.reduce((s, g) => s + g.iso3.length, 0), size);
    for (const c of reg.countries) assert.equal(c.cepiiIso3, text(bri, "cepii_iso3")[text(bri, "iso3").indexOf(c.iso3)]);
  }
  assert.throws(() => loadCountryRegistry(dataDir, 63 as 64), /must be 64 or 65/);
});

test("code harmonisation: CEPII (ROM, ZAR, TMP, PAL, YUG = SRB and MNE) and open-numbers (kos = XKX)", () => {
  assert.deepEqual(iso3FromCepii("ROM"), ["ROU"]);
  assert.deepEqual(iso3FromCepii("ZAR"), ["COD"]);
  assert.deepEqual(iso3FromCepii("TMP"), ["TLS"]);
  assert.deepEqual(iso3FromCepii("PAL"), ["PSE"]);
  assert.deepEqual(iso3FromCepii("YUG"), ["SRB", "MNE"]);
  assert.deepEqual(iso3FromCepii("KAZ"), ["KAZ"]);
  assert.equal(iso3FromOpenNumbers("kos"), "XKX");
  assert.equal(iso3FromOpenNumbers("kaz"), "KAZ");
  // the list file's own CEPII column agrees with the map
  const iso = text(bri, "iso3");
  text(bri, "cepii_iso3").forEach((c, i) => assert.ok(iso3FromCepii(c!).includes(iso[i]!), `${c} -> ${iso[i]}`));
});

test("every NBS and Comtrade name of a list country resolves to its code; aliases are all needed", () => {
  const names = loadCountryNameIndex(dataDir);
  const reg = loadCountryRegistry(dataDir, 64);
  const nbs = readCsvTable(join(dataDir, "trade/china_exports_by_partner_nbs_2011_2019.csv"));
  const mir = readCsvTable(join(dataDir, "trade/china_exports_mirror_comtrade_2014_2025.csv"));
  assert.equal(verifyCountryNames(nbs, "partner_name_zh", "partner_iso3", reg, names).verified, 64 * 9);
  assert.ok(verifyCountryNames(mir, "partner_name", "partner_iso3", reg, names).verified > 500);
  const seen = new Set([...text(nbs.frame, "partner_name_zh"), ...text(mir.frame, "partner_name")]);
  for (const alias of Object.keys(NAME_ALIASES)) assert.ok(seen.has(alias), `alias ${alias} never appears in a trade file`);
  assert.equal(names.resolve("  kazakhstan "), "KAZ");
  assert.equal(names.resolve("哈萨克斯坦"), "KAZ");
  assert.equal(names.resolve("Atlantis"), undefined);
});

test("unknown or mismatched country names are DataErrors naming file, row and column", () => {
  const names = loadCountryNameIndex(dataDir);
  const reg = loadCountryRegistry(dataDir, 64);
  const t = parseCsv("year,name,iso3\n2015,Kazakhstan,KAZ\n2015,Atlantis,UZB\n", { file: "x.csv" });
  assert.throws(
    () => verifyCountryNames(t, "name", "iso3", reg, names),
    (e: unknown) => e instanceof DataError && e.message.startsWith("x.csv, row 3, column 'name': unknown country name \"Atlantis\""),
  );
  const t2 = parseCsv("year,name,iso3\n2015,Uzbekistan,KAZ\n", { file: "y.csv" });
  assert.throws(() => verifyCountryNames(t2, "name", "iso3", reg, names), /y\.csv, row 2, column 'name': country name "Uzbekistan" is UZB, but column 'iso3' says KAZ/);
  const t3 = parseCsv("year,name,iso3\n2015,Kazakhstan,\n", { file: "z.csv" });
  assert.throws(() => verifyCountryNames(t3, "name", "iso3", reg, names), /z\.csv, row 2, column 'iso3': empty code for "Kazakhstan", which is KAZ/);
});
