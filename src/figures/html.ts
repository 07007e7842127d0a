/**
 * HTML snippets that draw figure specs offline, for notebooks (`tslab.display.html`). The plotly
 * bundle is read from the installed npm package `plotly.js-dist` and inlined once
 * ({@link plotlyLoaderHtml}); each figure ({@link figureHtml}) then calls `Plotly.newPlot`, with the
 * map topojson inlined through `window.PlotlyGeoAssets` when the figure needs it. No CDN is used.
 * (The report's page renderer lives in src/report.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "../data/dataDir";
import { worldTopojson, WORLD_TOPOJSON } from "./map";
import { type FigureSpec, figureJson } from "./spec";

/** Path of the plotly bundle shipped by the npm package plotly.js-dist. */
export function plotlyBundlePath(root: string = findRepoRoot()): string {
  return join(root, "node_modules", "plotly.js-dist", "plotly.js");
}

/** JSON made safe inside a <script> element (`</` and U+2028/2029 escaped). */
export function scriptSafeJson(text: string): string {
  return text.replace(/<\//g, "<\\/").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * A <script> that defines `window.Plotly` from the local bundle (UMD loaders such as RequireJS in
 * classic Jupyter are bypassed so the global is always set). Display it once per notebook.
 */
export function plotlyLoaderHtml(root: string = findRepoRoot()): string {
  const src = readFileSync(plotlyBundlePath(root), "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script>if (!window.Plotly) { (function (define, exports, module) {\n${src}\n}).call(window, undefined, undefined, undefined); }</script>` +
    `<div style="font-size:small;color:#666">plotly.js loaded from node_modules/plotly.js-dist (offline)</div>`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A <div> plus <script> drawing one spec with `Plotly.newPlot`, its ID and title above and caption
 * below. Needs {@link plotlyLoaderHtml} displayed earlier in the page or notebook.
 */
export function figureHtml(spec: FigureSpec): string {
  const div = `figure-${spec.id}`;
  const geo = spec.geoAssets.includes(WORLD_TOPOJSON)
    ? `window.PlotlyGeoAssets = window.PlotlyGeoAssets || {}; window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};` +
      ` if (!window.PlotlyGeoAssets.topojson.${WORLD_TOPOJSON}) window.PlotlyGeoAssets.topojson.${WORLD_TOPOJSON} = ${scriptSafeJson(JSON.stringify(worldTopojson()))};`
    : "";
  for (const a of spec.geoAssets) if (a !== WORLD_TOPOJSON) throw new Error(`figure ${spec.id}: unknown geo asset '${a}'`);
  return [
    `<figure style="margin:0">`,
    `<div id="${div}" style="width:100%"></div>`,
    `<figcaption style="font-size:small;color:#444"><b>Figure ${spec.id.slice(1)} (${spec.id}).</b> ${escapeHtml(spec.caption)}</figcaption>`,
    `</figure>`,
    `<script>(function () { ${geo} var spec = ${scriptSafeJson(figureJson(spec))};`,
    ` if (!window.Plotly) { document.getElementById(${JSON.stringify(div)}).textContent = "plotly.js is not loaded: run the loader cell first"; return; }`,
    ` window.Plotly.newPlot(${JSON.stringify(div)}, spec.data, spec.layout, spec.config); })();</script>`,
  ].join("\n");
}
