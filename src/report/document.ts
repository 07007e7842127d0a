/**
 * The report page: a paper-like outline of sections with Markdown prose, tables and figures by
 * stable ID, rendered into one self-contained HTML file (styles, fonts, plotly, map data and
 * figure data inlined; nothing fetched). Pure: the same document and assets give the same bytes.
 */
import { type Artifact, artifact as registryArtifact, artifactLabel } from "../artifacts";
import { type TableModel, toHtml } from "../tables";
import { escapeHtml, jsonForScript, scriptSafe } from "./html";
import { renderMarkdown } from "./markdown";
import { REPORT_CSS } from "./style";

/** A plotly figure spec (pure JSON), as built in src/figures. */
export interface FigureSpec {
  /** Registry ID and the caption actually drawn (registry caption + sample), when the builder sets them. */
  readonly id?: string;
  readonly caption?: string;
  readonly data: readonly unknown[];
  readonly layout?: Readonly<Record<string, unknown>>;
  readonly config?: Readonly<Record<string, unknown>>;
}

/** What the report shows for an artifact ID: a table, a figure, or a labelled "pending" note. */
export type ArtifactContent =
  | { readonly kind: "table"; readonly table: TableModel }
  | { readonly kind: "figure"; readonly figure: FigureSpec }
  | { readonly kind: "pending"; readonly reason: string };

export interface ReportSection {
  /** Anchor (HTML id), e.g. "sec-2-1". */
  readonly anchor: string;
  /** Section number shown before the title ("2.1"), or null (Abstract, appendices' heading…). */
  readonly number: string | null;
  readonly title: string;
  /** 1 = section, 2 = subsection. */
  readonly level: 1 | 2;
  /** Markdown prose with directives ({{T5}}, [[T5]], {{value:name}}). */
  readonly prose: string;
  /** Raw HTML inserted after the prose (built in code from escaped pieces, e.g. an equation). */
  readonly html?: string;
  /** Artifacts of this section not placed by a {{ID}} directive are appended in this order. */
  readonly artifacts?: readonly string[];
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  /** Lines under the title (build information), plain text. */
  readonly meta: readonly string[];
  readonly sections: readonly ReportSection[];
  readonly artifacts: ReadonlyMap<string, ArtifactContent>;
  /** Values for {{value:name}}: already formatted text. */
  readonly values: Readonly<Record<string, string>>;
  /** Artifact metadata lookup (default: the registry in src/artifacts.ts). */
  readonly lookup?: (id: string) => Artifact;
}

export interface ReportAssets {
  readonly plotlyJs: string;
  readonly katexCss: string;
  readonly topojson: unknown;
}

const ID_RE = /^(?:T|F|A)\d+$/;

function captionHtml(a: Artifact, pending = false, caption = a.caption): string {
  return `<span class="label">${escapeHtml(artifactLabel(a))}${pending ? " (pending)" : ""}.</span> ${escapeHtml(a.title)}. <span class="source">${escapeHtml(caption)}</span>`;
}

/** Artifacts in the order the page shows them (for the list of tables and figures). */
type Placed = { id: string; pending: boolean }[];

function renderArtifact(id: string, doc: ReportDocument, figures: Map<string, FigureSpec>, order: Placed): string {
  const lookup = doc.lookup ?? registryArtifact;
  const a = lookup(id);
  const c = doc.artifacts.get(id);
  order.push({ id, pending: !c || c.kind === "pending" });
  if (!c || c.kind === "pending") {
    const reason = c ? c.reason : "not computed in this build";
    return `<div class="artifact pending" id="${escapeHtml(id)}" role="note"><p class="caption">${captionHtml(a, true)}</p><p class="reason">Pending: ${escapeHtml(reason)} No number is shown until it is computed from the data.</p></div>`;
  }
  if (c.kind === "table") {
    const table = toHtml(c.table, { withCaption: false });
    return `<figure class="artifact table" id="${escapeHtml(id)}"><figcaption>${captionHtml(a)}</figcaption><div class="scroll">${table}</div></figure>`;
  }
  figures.set(id, c.figure);
  return `<figure class="artifact figure" id="${escapeHtml(id)}"><div class="plot" id="plot-${escapeHtml(id)}" data-figure="${escapeHtml(id)}"></div><figcaption>${captionHtml(a, false, c.figure.caption ?? a.caption)}</figcaption></figure>`;
}

/** Resolve directives in rendered prose. Unknown IDs and values are errors naming the section. */
function resolveDirectives(html: string, s: ReportSection, doc: ReportDocument, figures: Map<string, FigureSpec>, placed: Set<string>, order: Placed): string {
  const lookup = doc.lookup ?? registryArtifact;
  return html
    .replace(/<p>\{\{([A-Z]\d+)\}\}<\/p>/g, (_m, id: string) => {
      if (!ID_RE.test(id)) throw new Error(`report section '${s.title}': bad artifact directive {{${id}}}`);
      placed.add(id);
      return renderArtifact(id, doc, figures, order);
    })
    .replace(/\[\[([A-Z]\d+)\]\]/g, (_m, id: string) => `<a class="ref" href="#${escapeHtml(id)}">${escapeHtml(artifactLabel(lookup(id)))}</a>`)
    .replace(/\{\{value:([A-Za-z0-9_.-]+)\}\}/g, (_m, name: string) => {
      const v = doc.values[name];
      if (v === undefined) return `<span class="pending-value" title="pending">[pending: ${escapeHtml(name)}]</span>`;
      return `<span class="value" data-value-name="${escapeHtml(name)}">${escapeHtml(v)}</span>`;
    });
}

/** "Tables and figures": every artifact shown, linked, in page order (pending ones marked). */
function listOfArtifacts(order: Placed, doc: ReportDocument): string {
  if (order.length === 0) return "";
  const lookup = doc.lookup ?? registryArtifact;
  const items = order.map(({ id, pending }) => {
    const a = lookup(id);
    return `<li><a href="#${escapeHtml(id)}"><span class="label">${escapeHtml(artifactLabel(a))}</span> ${escapeHtml(a.title)}</a>${pending ? " <em>(pending)</em>" : ""}</li>`;
  });
  return `<nav class="toc lot" aria-label="Tables and figures"><h2>Tables and figures</h2><ol>${items.join("")}</ol></nav>`;
}

/**
 * The complete HTML page. Figures are drawn by plotly from inlined JSON after load; the world
 * map is provided through `window.PlotlyGeoAssets` before plotly runs, so geo traces fetch nothing.
 */
export function renderReport(doc: ReportDocument, assets: ReportAssets): string {
  const figures = new Map<string, FigureSpec>();
  const order: Placed = [];
  const body: string[] = [];
  const toc: string[] = [];
  for (const s of doc.sections) {
    const heading = `${s.number ? `<span class="secno">${escapeHtml(s.number)}</span> ` : ""}${escapeHtml(s.title)}`;
    toc.push(`<li class="toc-l${s.level}"><a href="#${escapeHtml(s.anchor)}">${heading}</a></li>`);
    const placed = new Set<string>();
    const parts: string[] = [];
    const tag = s.level === 1 ? "h2" : "h3";
    parts.push(`<${tag} id="${escapeHtml(s.anchor)}">${heading}</${tag}>`);
    if (s.prose.trim()) parts.push(resolveDirectives(renderMarkdown(s.prose), s, doc, figures, placed, order));
    if (s.html) parts.push(s.html);
    for (const id of s.artifacts ?? []) if (!placed.has(id)) parts.push(renderArtifact(id, doc, figures, order));
    body.push(`<section class="level${s.level}" aria-labelledby="${escapeHtml(s.anchor)}">\n${parts.join("\n")}\n</section>`);
  }
  const figureJson: Record<string, FigureSpec> = {};
  for (const [id, f] of [...figures.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) figureJson[id] = f;

  const draw = `(function(){
  var figs = JSON.parse(document.getElementById("figure-data").textContent);
  var base = { responsive: true, displaylogo: false, showLink: false, showSendToCloud: false, showEditInChartStudio: false };
  Object.keys(figs).forEach(function (id) {
    var f = figs[id], el = document.getElementById("plot-" + id);
    var cfg = Object.assign({}, base, f.config || {});
    Plotly.newPlot(el, f.data, f.layout || {}, cfg);
  });
})();`;

  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // forbid any network access by the page itself (defence in depth; the browser test also blocks it)
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; font-src data:; img-src data: blob:">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${assets.katexCss}</style>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    '<header class="title">',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    ...doc.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    "</header>",
    `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${toc.join("")}</ol></nav>`,
    listOfArtifacts(order, doc),
    "<main>",
    ...body,
    "</main>",
    `<script type="application/json" id="topojson-world_110m">${jsonForScript(assets.topojson)}</script>`,
    `<script type="application/json" id="figure-data">${jsonForScript(figureJson)}</script>`,
    `<script id="geo-assets">window.PlotlyConfig = { MathJaxConfig: "local" }; window.PlotlyGeoAssets = { topojson: { world_110m: JSON.parse(document.getElementById("topojson-world_110m").textContent) } };</script>`,
    `<script id="plotly-js">${scriptSafe(assets.plotlyJs, "plotly.js")}</script>`,
    `<script id="draw-figures">${draw}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
