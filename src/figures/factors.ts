/**
 * Figures on the factors: log exports against each factor with a least-squares line (F7), the
 * correlation heatmap (F8), and the missing-data map by variable and year (F9).
 */
import { type Frame, numeric } from "../frame";
import type { CorrelationMatrix } from "../stats/index";
import { pearson } from "../stats/index";
import { type Json, type Trace, makeFigure, sig, type FigureSpec } from "./spec";

export interface LabelledVariable {
  readonly name: string;
  readonly label: string;
}

/**
 * Least-squares line y = a + b·x on complete pairs: b = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)², a = ȳ − b·x̄; null
 * when fewer than 2 pairs or x is constant.
 *
 * Reference: R `coef(lm(y ~ x))`.
 * @example
 * leastSquaresLine(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 7)); // { intercept: -0.666…, slope: 2.5, n: 3 }
 */
export function leastSquaresLine(x: ArrayLike<number>, y: ArrayLike<number>): { intercept: number; slope: number; n: number } | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope, n };
}

/**
 * F7: one scatter panel per factor — y (e.g. log exports) against the factor on complete pairs,
 * with the least-squares line; the panel title gives slope, Pearson r and n.
 *
 * @param hover text column for the hover label (e.g. "country") and year column
 * @example
 * factorScatterFigure(panel, { name: "ln_exports_nbs_usd", label: "log exports" }, factors, { text: "country", time: "year" }, "…");
 */
export function factorScatterFigure(
  frame: Frame,
  y: LabelledVariable,
  factors: readonly LabelledVariable[],
  hover: { text: string; time: string },
  sample: string,
): FigureSpec {
  const cols = Math.min(3, factors.length);
  const rows = Math.ceil(factors.length / cols);
  const gx = 0.08;
  const gy = 0.14;
  const w = (1 - gx * (cols - 1)) / cols;
  const h = (1 - gy * (rows - 1)) / rows;
  const yv = numeric(frame, y.name);
  const labels = frame.columns[hover.text] as readonly (string | null)[];
  const years = numeric(frame, hover.time);
  const data: Trace[] = [];
  const layout: { [key: string]: Json } = { showlegend: false, height: 300 * rows + 80, margin: { t: 90 }, annotations: [] };
  factors.forEach((f, k) => {
    const ax = k === 0 ? "" : String(k + 1);
    const r = Math.floor(k / cols);
    const c = k % cols;
    const x0 = c * (w + gx);
    const y1 = 1 - r * (h + gy);
    const xv = numeric(frame, f.name);
    const idx: number[] = [];
    for (let i = 0; i < frame.nrow; i++) if (Number.isFinite(xv[i]!) && Number.isFinite(yv[i]!)) idx.push(i);
    const line = leastSquaresLine(xv, yv);
    const rr = idx.length >= 2 ? pearson(Float64Array.from(idx, (i) => xv[i]!), Float64Array.from(idx, (i) => yv[i]!)) : null;
    data.push({
      type: "scatter",
      mode: "markers",
      name: f.label,
      x: idx.map((i) => sig(xv[i]!, 6)),
      y: idx.map((i) => sig(yv[i]!, 6)),
      text: idx.map((i) => `${labels?.[i] ?? ""} ${years[i]}`),
      hovertemplate: `%{text}<br>${f.label}: %{x}<br>${y.label}: %{y}<extra></extra>`,
      marker: { size: 4, opacity: 0.6, color: "#1f77b4" },
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
    });
    if (line && idx.length > 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of idx) {
        lo = Math.min(lo, xv[i]!);
        hi = Math.max(hi, xv[i]!);
      }
      data.push({
        type: "scatter",
        mode: "lines",
        name: `${f.label} fit`,
        x: [sig(lo, 6), sig(hi, 6)],
        y: [sig(line.intercept + line.slope * lo, 6), sig(line.intercept + line.slope * hi, 6)],
        line: { color: "#d62728", width: 2 },
        hoverinfo: "skip",
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
      });
    }
    layout[`xaxis${ax}`] = { domain: [sig(x0, 6), sig(x0 + w, 6)], anchor: `y${ax}`, title: { text: f.label, font: { size: 11 } } };
    layout[`yaxis${ax}`] = { domain: [sig(Math.max(0, y1 - h), 6), sig(y1, 6)], anchor: `x${ax}`, title: { text: c === 0 ? y.label : "", font: { size: 11 } } };
    const stat = line ? `b = ${line.slope.toPrecision(3)}, r = ${rr === null ? "n/a" : rr.toFixed(2)}, n = ${idx.length}` : `n = ${idx.length} (no line)`;
    (layout.annotations as Json[]).push({
      text: stat, xref: "paper", yref: "paper", x: sig(x0 + w / 2, 6), y: sig(y1, 6), xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 10 },
    });
  });
  return makeFigure("F7", data, layout, sample);
}

function stars(p: number | null): string {
  if (p === null) return "";
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

/**
 * F8: heatmap of a correlation matrix (r in cells, with * p < 0.1, ** p < 0.05, *** p < 0.01);
 * null cells (too few pairs) are blank and labelled "n/a".
 *
 * @example
 * correlationHeatmapFigure(correlationMatrix(panel, vars), labels, "…");
 */
export function correlationHeatmapFigure(cm: CorrelationMatrix, labels: readonly string[], sample: string): FigureSpec {
  if (labels.length !== cm.variables.length) throw new Error(`correlationHeatmapFigure: ${labels.length} labels for ${cm.variables.length} variables`);
  const z = cm.r.map((row) => row.map((v) => sig(v, 4)));
  const text = cm.r.map((row, i) => row.map((v, j) => (v === null ? "n/a" : `${v.toFixed(2)}${i === j ? "" : stars(cm.p[i]![j]!)}`)));
  const customdata = cm.n.map((row) => row.map((v) => v));
  const data: Trace[] = [
    {
      type: "heatmap",
      x: [...labels],
      y: [...labels],
      z,
      text,
      customdata,
      texttemplate: "%{text}",
      hovertemplate: "%{y} × %{x}: r = %{z} (n = %{customdata})<extra></extra>",
      colorscale: "RdBu",
      reversescale: true,
      zmin: -1,
      zmax: 1,
      colorbar: { title: { text: cm.method === "pearson" ? "Pearson r" : "Spearman rho" } },
    },
  ];
  const layout: { [key: string]: Json } = {
    yaxis: { autorange: "reversed", automargin: true },
    xaxis: { automargin: true, tickangle: -35 },
    height: 120 + 42 * labels.length,
    margin: { t: 80 },
  };
  return makeFigure("F8", data, layout, sample);
}

/**
 * F9: share (%) of the countries with a non-missing value, by variable (rows) and year (columns).
 *
 * @example
 * missingDataFigure(panel, vars, "year", "…");
 */
export function missingDataFigure(frame: Frame, variables: readonly LabelledVariable[], time: string, sample: string): FigureSpec {
  const t = numeric(frame, time);
  const years = [...new Set(Array.from(t).filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  const z: (number | null)[][] = [];
  const counts: string[][] = [];
  for (const v of variables) {
    const c = numeric(frame, v.name);
    const row: (number | null)[] = [];
    const crow: string[] = [];
    for (const y of years) {
      let n = 0;
      let have = 0;
      for (let i = 0; i < frame.nrow; i++) {
        if (t[i] !== y) continue;
        n++;
        if (!Number.isNaN(c[i]!)) have++;
      }
      row.push(n === 0 ? null : sig((100 * have) / n, 4));
      crow.push(`${have}/${n}`);
    }
    z.push(row);
    counts.push(crow);
  }
  const data: Trace[] = [
    {
      type: "heatmap",
      x: years,
      y: variables.map((v) => v.label),
      z,
      text: counts,
      texttemplate: "%{text}",
      textfont: { size: 9 },
      hovertemplate: "%{y}, %{x}: %{z}% of countries have a value (%{text})<extra></extra>",
      colorscale: [[0, "#b2182b"], [0.5, "#fddbc7"], [1, "#2166ac"]],
      zmin: 0,
      zmax: 100,
      colorbar: { title: { text: "% with data" } },
    },
  ];
  const layout: { [key: string]: Json } = {
    xaxis: { dtick: 1, title: { text: "Year" } },
    yaxis: { autorange: "reversed", automargin: true },
    height: 120 + 26 * variables.length,
    margin: { t: 80 },
  };
  return makeFigure("F9", data, layout, sample);
}
