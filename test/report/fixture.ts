// A synthetic report (no study data): a table and figures whose labels contain markup, used to
// check escaping in the HTML and in the browser. Values are constructed here, not read from data.
import { dataTable } from "../../src/tables";
import type { ArtifactContent, ReportDocument } from "../../src/report/document";
import { OUTLINE } from "../../src/report/study";

export const EVIL = '<script>alert("x")</script>Evilland & Co';

export function fixtureDocument(): ReportDocument {
  const countries = [EVIL, "Kazakhstan", "Viet Nam"];
  const table = dataTable(
    countries.map((c, i) => ({ country: c, exports: (i + 1) * 1.5, share: i === 2 ? NaN : 0.25 * (i + 1) })),
    { columns: [{ key: "country", label: "Country </td>" }, { key: "exports", digits: 1 }, { key: "share", digits: 2 }] },
  );
  const artifacts = new Map<string, ArtifactContent>([
    ["T1", { kind: "table", table }],
    ["F1", { kind: "figure", figure: { data: [{ type: "bar", x: countries, y: [1, 2, 3], name: EVIL }], layout: { title: { text: EVIL } } } }],
    ["F5", { kind: "figure", figure: { data: [{ type: "choropleth", locationmode: "ISO-3", locations: ["KAZ", "VNM", "PAK"], z: [1, 2, 3], text: countries }], layout: { geo: { projection: { type: "natural earth" } } } } }],
    ["T5", { kind: "pending", reason: "fixture: no regressions <b>here</b>." }],
  ]);
  return {
    title: `Fixture report ${EVIL}`,
    subtitle: "synthetic data",
    meta: [`meta ${EVIL}`],
    sections: OUTLINE.map((o) => ({
      anchor: o.anchor,
      number: o.number,
      title: o.title,
      level: o.level,
      prose: o.anchor === "abstract" ? `Prose with ${"<script>"} and $x_{it}$ and {{value:evil}} and [[T1]].\n\n{{T1}}\n` : "",
      artifacts: o.anchor === "sec-2-1" ? ["F1", "F5", "T5"] : [],
    })),
    artifacts,
    values: { evil: EVIL },
  };
}
