// Each bad input gives a DataError naming file, row and column (acceptance of issue 2).
// Fixtures: a copy of the real data directory in os.tmpdir(), one file corrupted per test.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { buildPanel } from "../../src/clean/panel";
import { DataError } from "../../src/data/errors";
import { tempDataDir, lineStartingWith } from "./tempDataDir";

const tmp = tempDataDir();
after(() => tmp.dispose());

function expectDataError(fn: () => unknown, check: (e: DataError) => void): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DataError, `expected a DataError, got ${String(caught)}`);
  check(caught);
}

const WDI = "indicators/wdi_datahub_long.csv";
const NBS = "trade/china_exports_by_partner_nbs_2011_2019.csv";

test("checksum mismatch: names the file, the block of rows and the changed column", () => {
  let line = 0;
  tmp.edit(WDI, (t) => {
    const lines = t.split("\n");
    line = lineStartingWith(t, "KAZ,Kazakhstan,SP.POP.TOTL,2015,");
    const cells = lines[line - 1]!.split(",");
    cells[4] = String(Number(cells[4]) + 1); // still a valid number: only the checksum can catch it
    lines[line - 1] = cells.join(",");
    return lines.join("\n");
  });
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => {
        assert.equal(e.file, WDI);
        assert.match(e.message, /sha256 mismatch/);
        assert.equal(e.column, "value");
        const m = /rows (\d+)-(\d+)/.exec(e.message);
        assert.ok(m, e.message);
        assert.ok(Number(m[1]) <= line && line <= Number(m[2]), `${line} not in ${m[0]}`);
        assert.match(e.message, new RegExp(`^${WDI.replace(/\./g, "\\.")}, row \\d+, column 'value': `));
      },
    );
  } finally {
    tmp.restore(WDI);
  }
});

test("missing file: names the file and the data directory", () => {
  tmp.remove("geo/wto_rta_china.csv");
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => {
        assert.equal(e.file, "geo/wto_rta_china.csv");
        assert.match(e.message, /geo\/wto_rta_china\.csv: file not found in the data directory/);
        assert.ok(e.message.includes(tmp.dir));
      },
    );
  } finally {
    tmp.restore("geo/wto_rta_china.csv");
  }
});

test("renamed (so missing) column: names file, header row, the column and the columns found", () => {
  tmp.edit(WDI, (t) => t.replace(/^iso3,country,indicator_code,year,value(?=\r?\n)/, "iso3,country,indicator_code,year,val"));
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => {
        assert.equal(e.message, `${WDI}, row 1, column 'value': required column is missing (columns found: iso3, country, indicator_code, year, val)`);
      },
    );
  } finally {
    tmp.restore(WDI);
  }
});

test("non-numeric value: names file, row and column", () => {
  let line = 0;
  tmp.edit(WDI, (t) => {
    const lines = t.split("\n");
    line = lineStartingWith(t, "UZB,Uzbekistan,IT.CEL.SETS.P2,2018,");
    lines[line - 1] = lines[line - 1]!.replace(/,[^,]*$/, ",abc");
    return lines.join("\n");
  });
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => assert.equal(e.message, `${WDI}, row ${line}, column 'value': "abc" is not a number`),
    );
  } finally {
    tmp.restore(WDI);
  }
});

test("duplicate (iso3, year): names file, the duplicate's row, the key columns and the first row", () => {
  let first = 0;
  let dup = 0;
  tmp.edit(NBS, (t) => {
    const lines = t.split("\n");
    first = lines.findIndex((l) => /^2015,[^,]*,KAZ,/.test(l)) + 1;
    lines.splice(first, 0, lines[first - 1]!); // the same row again right after it
    dup = first + 1;
    return lines.join("\n");
  });
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => assert.equal(e.message, `${NBS}, row ${dup}, column 'partner_iso3+year': duplicate key (partner_iso3=KAZ, year=2015); first seen at row ${first}`),
    );
  } finally {
    tmp.restore(NBS);
  }
});

test("unknown country name: names file, row and the name column (checksum check off to reach the name check)", () => {
  let line = 0;
  tmp.edit(NBS, (t) => {
    const lines = t.split("\n");
    line = lines.findIndex((l) => /^2016,[^,]*,KAZ,/.test(l)) + 1;
    lines[line - 1] = lines[line - 1]!.replace(/^2016,[^,]*,/, "2016,哈萨克共和国X,");
    return lines.join("\n");
  });
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir, verifyChecksums: false }),
      (e) => {
        assert.equal(e.file, NBS);
        assert.equal(e.row, line);
        assert.equal(e.column, "partner_name_zh");
        assert.match(e.message, /unknown country name "哈萨克共和国X" \(row coded KAZ/);
      },
    );
    // with the checksum check on, the changed file is caught first
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => assert.match(e.message, /sha256 mismatch/),
    );
  } finally {
    tmp.restore(NBS);
  }
});

test("value outside the manifest range: names file, row and column", () => {
  let line = 0;
  tmp.edit("indicators/opennumbers_it_net_user_zs.csv", (t) => {
    const lines = t.split("\n");
    line = lineStartingWith(t, "kaz,2019,");
    lines[line - 1] = "kaz,2019,140";
    return lines.join("\n");
  });
  try {
    expectDataError(
      () => buildPanel({ dataDir: tmp.dir }),
      (e) => assert.equal(e.message, `indicators/opennumbers_it_net_user_zs.csv, row ${line}, column 'it_net_user_zs': 140 is above the allowed maximum 100`),
    );
  } finally {
    tmp.restore("indicators/opennumbers_it_net_user_zs.csv");
  }
});

test("the untouched copy builds (so the failures above come from the corruptions)", () => {
  assert.equal(buildPanel({ dataDir: tmp.dir }).frame.nrow, 640);
});
