/**
 * Plotly figure specs: pure JSON (traces, layout, config) plus a stable ID, title and caption from
 * the artifact registry (src/artifacts.ts). Builders are deterministic: the same input gives the
 * same bytes from {@link figureJson}. Gaps are `null`, never NaN (JSON has no NaN).
 *
 * Geo figures name the map file they need in `geoAssets` ("world_110m"); the page that draws them
 * must set `window.PlotlyGeoAssets = { topojson: { world_110m: <worldTopojson()> } }` before
 * `Plotly.newPlot`, so plotly never fetches it from its CDN.
 */
import { artifact } from "../artifacts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Trace = { [key: string]: Json };

export interface FigureSpec {
  /** Stable ID from the artifact registry (F1…). */
  readonly id: string;
  readonly title: string;
  /** Source and sample (the registry caption plus the sample actually drawn). */
  readonly caption: string;
  readonly data: readonly Trace[];
  readonly layout: { [key: string]: Json };
  readonly config: { [key: string]: Json };
  /** Map files the page must provide through window.PlotlyGeoAssets.topojson (e.g. "world_110m"). */
  readonly geoAssets: readonly string[];
}

/** Common config: static, offline, no plotly logo or cloud links. */
export const FIGURE_CONFIG: { [key: string]: Json } = Object.freeze({ responsive: true, displaylogo: false, showLink: false, toImageButtonOptions: { format: "svg" } }) as { [key: string]: Json };

/**
 * Assemble a spec for a registry ID: the title comes from the registry, the caption is the registry
 * caption followed by `sample` (what this build actually drew).
 */
export function makeFigure(
  id: string,
  data: readonly Trace[],
  layout: { [key: string]: Json },
  sample: string,
  geoAssets: readonly string[] = [],
): FigureSpec {
  const a = artifact(id);
  if (a.kind !== "figure") throw new Error(`artifact ${id} is a ${a.kind}, not a figure`);
  const caption = sample ? `${a.caption} Sample: ${sample}` : a.caption;
  const spec: FigureSpec = {
    id,
    title: a.title,
    caption,
    data,
    layout: { title: { text: `${a.title}` }, font: { family: "Helvetica, Arial, sans-serif", size: 12 }, ...layout },
    config: FIGURE_CONFIG,
    geoAssets: [...geoAssets],
  };
  validateFigureSpec(spec);
  return spec;
}

/** The spec as JSON text (what reports/figures/<ID>.json holds). */
export function figureJson(spec: FigureSpec): string {
  return JSON.stringify(spec);
}

const ARRAY_KEYS = ["x", "y", "z", "locations", "text", "customdata", "hovertext"] as const;

/**
 * Structural check of a spec (throws an Error naming the figure, trace and key):
 * ID like F<n>, a layout title, at least one trace, every number finite (gaps are null), and within
 * each trace the data arrays (x, y, locations, text, customdata…) of equal length — for a heatmap,
 * z has one row per y and one column per x.
 */
export function validateFigureSpec(spec: FigureSpec): void {
  const where = `figure ${spec.id}`;
  if (!/^F\d+$/.test(spec.id)) throw new Error(`${where}: ID must look like F<n>`);
  const title = (spec.layout.title as { text?: string } | undefined)?.text;
  if (!title) throw new Error(`${where}: layout.title.text missing`);
  if (!spec.caption) throw new Error(`${where}: caption missing`);
  if (spec.data.length === 0) throw new Error(`${where}: no traces`);
  checkFinite(spec.data, `${where} data`);
  checkFinite(spec.layout, `${where} layout`);
  spec.data.forEach((t, i) => {
    const type = (t.type as string) ?? "scatter";
    if (type === "heatmap") {
      const z = t.z as Json[][] | undefined;
      if (!Array.isArray(z)) throw new Error(`${where} trace ${i}: heatmap without z`);
      const x = t.x as Json[] | undefined;
      const y = t.y as Json[] | undefined;
      if (y && z.length !== y.length) throw new Error(`${where} trace ${i}: z has ${z.length} rows, y has ${y.length}`);
      z.forEach((row, r) => {
        if (!Array.isArray(row)) throw new Error(`${where} trace ${i}: z row ${r} is not an array`);
        if (x && row.length !== x.length) throw new Error(`${where} trace ${i}: z row ${r} has ${row.length} values, x has ${x.length}`);
      });
      return;
    }
    const lengths: [string, number][] = [];
    for (const k of ARRAY_KEYS) {
      const v = t[k];
      if (Array.isArray(v)) lengths.push([k, v.length]);
    }
    if (type === "choropleth" && !Array.isArray(t.locations)) throw new Error(`${where} trace ${i}: choropleth without locations`);
    if (lengths.length === 0) throw new Error(`${where} trace ${i}: no data arrays`);
    const [k0, n0] = lengths[0]!;
    for (const [k, n] of lengths) {
      if (n !== n0) throw new Error(`${where} trace ${i}: '${k}' has ${n} values, '${k0}' has ${n0}`);
    }
  });
}

function checkFinite(v: unknown, path: string): void {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${path}: non-finite number ${v} (use null for a gap)`);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => checkFinite(x, `${path}[${i}]`));
  } else if (v !== null && typeof v === "object") {
    if (ArrayBuffer.isView(v)) throw new Error(`${path}: typed array (convert to a plain array)`);
    for (const [k, x] of Object.entries(v)) checkFinite(x, `${path}.${k}`);
  } else if (v === undefined) {
    throw new Error(`${path}: undefined`);
  }
}

/** Float64Array (NaN = missing) → plain array with null gaps. */
export function withGaps(x: ArrayLike<number>): (number | null)[] {
  return Array.from(x, (v) => (Number.isFinite(v) ? v : null));
}

/** Round for display (keeps specs small and stable): `digits` significant digits; null stays null. */
export function sig(v: number | null, digits = 6): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  if (v === 0) return 0;
  return Number(v.toPrecision(digits));
}
