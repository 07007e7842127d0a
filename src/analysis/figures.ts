/**
 * Plotly figure specs of the regression analysis (pure JSON, deterministic; drawn by the notebook
 * or the report page with Plotly.newPlot):
 * - the coefficient plot of the baseline models (F10): estimate and 95% CI of each factor, one
 *   marker series per model;
 * - the specification curve (F11): for each factor, its estimates over all specifications sorted
 *   by size, with 95% CIs, coloured by sign and significance;
 * - a detailed curve for one factor with the panel of choices below (Simonsohn et al. 2020, Fig. 2).
 */
import type { FitResult } from "../estimate/types";
import { makeFigure, type FigureSpec as RegisteredFigureSpec, type Json, type Trace } from "../figures/spec";
import type { AnalysisParams, FactorKey } from "./params";
import { CHOICE_DIMENSIONS, type SpecCurveResult, type SpecOutcome } from "./speccurve";

/** A plotly figure spec (pure JSON): the shape the report draws with Plotly.newPlot. */
export interface FigureSpec {
  readonly data: readonly unknown[];
  readonly layout?: Readonly<Record<string, unknown>>;
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Round for display in a figure (6 significant digits; tables keep full precision). */
function r6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
const SIG_RIGHT = "#1a7f37";
const SIG_WRONG = "#c62828";
const NOT_SIG = "#9e9e9e";

/** One model of a coefficient plot. */
export interface CoefPlotModel {
  readonly title: string;
  readonly result: Pick<FitResult, "coefNames" | "coef" | "confInt">;
}

/**
 * Coefficient plot: for each coefficient in `names`, the estimate and 95% CI in every model that
 * has it (dodged vertically, one colour per model).
 * @example
 * coefficientPlot([{ title: "Two-way FE", result: fe }], ["internet_users_pct"], (n) => n, "F10");
 */
export function coefficientPlot(models: readonly CoefPlotModel[], names: readonly string[], label: (name: string) => string, title = "Baseline estimates with 95% confidence intervals"): FigureSpec {
  const m = models.length;
  const step = m > 1 ? 0.6 / (m - 1) : 0;
  const data = models.map((mod, j) => {
    const ci = mod.result.confInt(0.95);
    const xs: number[] = [];
    const ys: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    const text: string[] = [];
    names.forEach((n, r) => {
      const i = mod.result.coefNames.indexOf(n);
      if (i < 0) return;
      const b = mod.result.coef[i]!;
      xs.push(b);
      ys.push(names.length - 1 - r + (m > 1 ? 0.3 - j * step : 0));
      lo.push(b - ci[i]![0]!);
      hi.push(ci[i]![1]! - b);
      text.push(`${mod.title}: ${label(n)}`);
    });
    return {
      type: "scatter",
      mode: "markers",
      name: mod.title,
      x: xs,
      y: ys,
      text,
      hovertemplate: "%{text}<br>estimate %{x:.4f}<extra></extra>",
      marker: { color: COLORS[j % COLORS.length], size: 8 },
      error_x: { type: "data", symmetric: false, array: hi, arrayminus: lo, thickness: 1.5, width: 3, color: COLORS[j % COLORS.length] },
    };
  });
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "Estimate (95% CI)" }, zeroline: true, zerolinecolor: "#444" },
      yaxis: { tickvals: names.map((_, r) => names.length - 1 - r), ticktext: names.map(label), automargin: true, range: [-0.7, names.length - 0.3] },
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 200, r: 20, t: 50, b: 80 },
      height: 120 + 60 * names.length,
    },
    config: { responsive: true, displaylogo: false },
  };
}

function colorOf(e: { estimate: number; pValue: number }, sign: 1 | -1, alpha: number): string {
  if (!(e.pValue < alpha)) return NOT_SIG;
  return Math.sign(e.estimate) === sign ? SIG_RIGHT : SIG_WRONG;
}

/**
 * The specification curve: one panel per factor, its estimates over the specifications sorted
 * from smallest to largest, 95% CIs as error bars; green = expected sign and p < alpha, red =
 * opposite sign and p < alpha, grey = not significant.
 * @example
 * specCurveFigure(curve, params, (k) => params.factors[k].concept);
 */
export function specCurveFigure(curve: SpecCurveResult, p: AnalysisParams, label: (k: FactorKey) => string = (k) => p.factors[k].concept): FigureSpec {
  const factors = curve.summary.map((s) => s.factor);
  const K = factors.length;
  const gap = 0.04;
  const h = (1 - gap * (K - 1)) / Math.max(K, 1);
  const data: unknown[] = [];
  const layout: Record<string, unknown> = {
    title: { text: `Specification curve (${curve.outcomes.filter((o) => !o.error).length} specifications${curve.standardized ? ", factors standardised" : ""})` },
    showlegend: false,
    height: 60 + 190 * K,
    margin: { l: 70, r: 20, t: 60, b: 50 },
    annotations: [] as unknown[],
  };
  factors.forEach((k, j) => {
    const sign = p.factors[k].expectedSign;
    const rows = curve.outcomes.filter((o) => o.estimates[k]).map((o) => o.estimates[k]!).sort((a, b) => a.estimate - b.estimate);
    const ax = j === 0 ? "" : String(j + 1);
    const top = 1 - j * (h + gap);
    data.push(...curveTraces(rows.map((r, i) => ({ rank: i + 1, estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh, color: colorOf(r, sign, curve.alpha) })), { xaxis: `x${ax}`, yaxis: `y${ax}` }, label(k), 4));
    layout[`xaxis${ax}`] = { anchor: `y${ax}`, domain: [0, 1], showticklabels: j === K - 1, ...(j === K - 1 ? { title: { text: "Specifications, sorted by estimate" } } : {}) };
    layout[`yaxis${ax}`] = { anchor: `x${ax}`, domain: [Math.max(0, top - h), top], zeroline: true, zerolinecolor: "#444", title: { text: "β" } };
    const s = curve.summary[j]!;
    (layout.annotations as unknown[]).push({
      xref: "paper",
      yref: "paper",
      x: 0,
      y: top,
      xanchor: "left",
      yanchor: "bottom",
      showarrow: false,
      text: `${label(k)}: expected sign ${sign > 0 ? "+" : "−"}, ${s.rightSignSignificant}/${s.n} with expected sign and p<${curve.alpha}`,
      font: { size: 12 },
    });
  });
  return { data, layout, config: { responsive: true, displaylogo: false } };
}

/** The three significance classes, drawn as separate single-colour traces (smaller JSON than a colour per point). */
const CLASSES = [
  { color: SIG_RIGHT, name: "expected sign, significant" },
  { color: SIG_WRONG, name: "opposite sign, significant" },
  { color: NOT_SIG, name: "not significant" },
] as const;

interface CurvePoint {
  readonly rank: number;
  readonly estimate: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly color: string;
}

/** Sorted estimates with CIs as up to three traces, one per significance class. */
function curveTraces(points: readonly CurvePoint[], axes: { xaxis?: string; yaxis?: string }, hover: string, size: number): unknown[] {
  return CLASSES.flatMap((cl) => {
    const pts = points.filter((q) => q.color === cl.color);
    if (pts.length === 0) return [];
    return [
      {
        type: "scatter",
        mode: "markers",
        name: cl.name,
        ...axes,
        x: pts.map((q) => q.rank),
        y: pts.map((q) => r6(q.estimate)),
        marker: { size, color: cl.color },
        error_y: { type: "data", symmetric: false, array: pts.map((q) => r6(q.ciHigh - q.estimate)), arrayminus: pts.map((q) => r6(q.estimate - q.ciLow)), thickness: 0.6, width: 0, color: "#bbbbbb" },
        hovertemplate: `${hover}<br>rank %{x}<br>estimate %{y:.4f}<extra></extra>`,
      },
    ];
  });
}

/** The value of one choice dimension of a specification, as a row label of the choice panel. */
function choiceRows(o: SpecOutcome): string[] {
  const c = o.choice;
  return CHOICE_DIMENSIONS.map((d) => {
    const v = c[d];
    return `${d}: ${typeof v === "boolean" ? (v ? "yes" : "no") : String(v)}`;
  });
}

/**
 * Detailed specification curve of one factor: sorted estimates (top) and, below, a dot for each
 * choice that defines the specification (Simonsohn, Simmons & Nelson 2020, Fig. 2).
 * @example
 * specCurveDetailFigure(curve, params, "digital");
 */
export function specCurveDetailFigure(curve: SpecCurveResult, p: AnalysisParams, factor: FactorKey): FigureSpec {
  const sign = p.factors[factor].expectedSign;
  const rows = curve.outcomes.filter((o) => o.estimates[factor]).sort((a, b) => a.estimates[factor]!.estimate - b.estimates[factor]!.estimate);
  const labels = [...new Set(rows.flatMap(choiceRows))].sort();
  const pos = new Map(labels.map((l, i) => [l, i]));
  const points: CurvePoint[] = rows.map((o, i) => ({ rank: i + 1, ...o.estimates[factor]!, color: colorOf(o.estimates[factor]!, sign, curve.alpha) }));
  const choiceTraces = CLASSES.flatMap((cl) => {
    const x: number[] = [];
    const y: number[] = [];
    rows.forEach((o, i) => {
      if (points[i]!.color !== cl.color) return;
      for (const l of choiceRows(o)) {
        x.push(i + 1);
        y.push(pos.get(l)!);
      }
    });
    return x.length ? [{ type: "scatter", mode: "markers", name: cl.name, xaxis: "x2", yaxis: "y2", x, y, marker: { size: 3, color: cl.color, symbol: "square" }, hoverinfo: "x" }] : [];
  });
  return {
    data: [...curveTraces(points, {}, p.factors[factor].concept, 5), ...choiceTraces],
    layout: {
      title: { text: `Specification curve: ${p.factors[factor].concept}` },
      showlegend: false,
      height: 320 + 14 * labels.length,
      margin: { l: 230, r: 20, t: 50, b: 50 },
      xaxis: { anchor: "y", domain: [0, 1], showticklabels: false },
      yaxis: { domain: [0.55, 1], title: { text: "β (95% CI)" }, zeroline: true, zerolinecolor: "#444" },
      xaxis2: { anchor: "y2", domain: [0, 1], title: { text: "Specifications, sorted by estimate" } },
      yaxis2: { domain: [0, 0.5], tickvals: labels.map((_, i) => i), ticktext: labels, range: [-0.5, labels.length - 0.5], automargin: true, tickfont: { size: 9 }, zeroline: false },
    },
    config: { responsive: true, displaylogo: false },
  };
}

/**
 * The same figure as an ID'd, captioned spec of src/figures (for `figureHtml` in notebooks and the
 * exported JSON): title and caption from the artifact registry, followed by the sample drawn.
 * @example
 * tslab.display.html(figureHtml(registeredFigure("F10", coefficientPlot(...), sample)));
 */
export function registeredFigure(id: string, fig: FigureSpec, sample: string): RegisteredFigureSpec {
  const spec = makeFigure(id, fig.data as readonly Trace[], (fig.layout ?? {}) as { [key: string]: Json }, sample);
  return { ...spec, layout: { ...spec.layout, ...((fig.layout ?? {}) as { [key: string]: Json }) } };
}
