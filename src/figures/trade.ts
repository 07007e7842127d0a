/**
 * Trade figures of paper §2: export trend by region (F1), regional shares (F2), top partners (F3),
 * growth by region (F4). China-reported (NBS) and partner-reported (mirror) exports are drawn in
 * separate panels, never joined into one line.
 */
import type { GroupGrowth, GroupShares, GroupTotals, RankedUnit } from "../stats/index";
import { type Json, type Trace, makeFigure, sig, type FigureSpec } from "./spec";

/** Fixed colours for up to 10 groups, in the order the groups are given. */
export const GROUP_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** "Southeast Asia (ASEAN 10 + Timor-Leste)" → "Southeast Asia": the group name without its parenthesis. */
export function shortGroupLabel(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, "");
}

export interface SourcePanel<T> {
  /** e.g. "China-reported (NBS), 2015–2019". */
  readonly label: string;
  readonly data: T;
}

const BN = 1e9;

function axisPair(k: number, n: number, gap = 0.08): [number, number] {
  const w = (1 - gap * (n - 1)) / n;
  const a = k * (w + gap);
  return [sig(a, 6)!, sig(a + w, 6)!];
}

function axisName(prefix: "x" | "y", k: number): string {
  return k === 0 ? prefix : `${prefix}${k + 1}`;
}

function panelTitles(labels: readonly string[], n: number): Json[] {
  return labels.map((label, k) => {
    const [a, b] = axisPair(k, n);
    return { text: `<b>${label}</b>`, x: sig((a + b) / 2, 6), xref: "paper", y: 1.0, yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false };
  });
}

/**
 * F1: total exports by region and year (bn US$), one panel per source; hover shows how many
 * countries report.
 *
 * @example
 * exportTrendFigure([{ label: "China-reported (NBS)", data: nbsTotals }, { label: "Partner-reported (mirror)", data: mirrorTotals }], "64 countries…");
 */
export function exportTrendFigure(panels: readonly SourcePanel<GroupTotals>[], sample: string): FigureSpec {
  const n = panels.length;
  const data: Trace[] = [];
  const layout: { [key: string]: Json } = { legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" }, hovermode: "closest", annotations: panelTitles(panels.map((p) => p.label), n), margin: { t: 80, b: 120 } };
  panels.forEach((p, k) => {
    layout[k === 0 ? "xaxis" : `xaxis${k + 1}`] = { domain: axisPair(k, n), title: { text: "Year" }, dtick: 1, anchor: axisName("y", k) };
    layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] = { title: { text: k === 0 ? "Exports (bn current US$)" : "" }, anchor: axisName("x", k), rangemode: "tozero" };
    p.data.groups.forEach((g, j) => {
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: shortGroupLabel(g.group),
        legendgroup: g.group,
        showlegend: k === 0,
        x: [...g.years],
        y: g.total.map((v) => sig(v === null ? null : v / BN)),
        customdata: [...g.reporting],
        hovertemplate: `${shortGroupLabel(g.group)} %{x}: %{y:.1f} bn US$ (%{customdata} countries reporting)<extra>${p.label}</extra>`,
        line: { color: GROUP_COLORS[j % GROUP_COLORS.length]!, dash: k === 0 ? "solid" : "dot" },
        xaxis: axisName("x", k),
        yaxis: axisName("y", k),
      });
    });
  });
  return makeFigure("F1", data, layout, sample);
}

/**
 * F2: each region's share of the Belt-and-Road total, stacked to 100 %, one panel per source.
 *
 * @example
 * regionalSharesFigure([{ label: "NBS", data: sharesBy(nbsTotals) }], "64 countries, 2015–2019");
 */
export function regionalSharesFigure(panels: readonly SourcePanel<readonly GroupShares[]>[], sample: string): FigureSpec {
  const n = panels.length;
  const data: Trace[] = [];
  const layout: { [key: string]: Json } = { legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" }, annotations: panelTitles(panels.map((p) => p.label), n), margin: { t: 80, b: 120 } };
  panels.forEach((p, k) => {
    layout[k === 0 ? "xaxis" : `xaxis${k + 1}`] = { domain: axisPair(k, n), title: { text: "Year" }, dtick: 1, anchor: axisName("y", k) };
    layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] = { title: { text: k === 0 ? "Share of the B&R total (%)" : "" }, range: [0, 100], anchor: axisName("x", k) };
    p.data.forEach((g, j) => {
      data.push({
        type: "scatter",
        mode: "lines",
        stackgroup: `s${k}`,
        name: shortGroupLabel(g.group),
        legendgroup: g.group,
        showlegend: k === 0,
        x: [...g.years],
        y: g.share.map((v) => sig(v === null ? null : 100 * v)),
        hovertemplate: `${shortGroupLabel(g.group)} %{x}: %{y:.1f}%<extra>${p.label}</extra>`,
        line: { color: GROUP_COLORS[j % GROUP_COLORS.length]!, width: 0.5 },
        fillcolor: GROUP_COLORS[j % GROUP_COLORS.length]!,
        xaxis: axisName("x", k),
        yaxis: axisName("y", k),
      });
    });
  });
  return makeFigure("F2", data, layout, sample);
}

/**
 * F3: the top partners in one year (horizontal bars, bn US$), one panel per source, coloured by region.
 *
 * @param regionOrder group names in legend order (colours follow this order)
 * @example
 * topPartnersFigure([{ label: "NBS 2019", data: topUnits(...) }], groupNames, "2019");
 */
export function topPartnersFigure(panels: readonly SourcePanel<readonly RankedUnit[]>[], regionOrder: readonly string[], sample: string): FigureSpec {
  const n = panels.length;
  const data: Trace[] = [];
  const layout: { [key: string]: Json } = { barmode: "stack", legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" }, annotations: panelTitles(panels.map((p) => p.label), n), margin: { t: 80, l: 120, b: 120 }, height: 520 };
  panels.forEach((p, k) => {
    layout[k === 0 ? "xaxis" : `xaxis${k + 1}`] = { domain: axisPair(k, n, 0.18), title: { text: "bn current US$" }, anchor: axisName("y", k) };
    // largest at the top: reverse the category order
    layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] = { anchor: axisName("x", k), autorange: "reversed", type: "category" };
    regionOrder.forEach((region, j) => {
      const rows = p.data.filter((r) => r.group === region);
      if (rows.length === 0) return;
      data.push({
        type: "bar",
        orientation: "h",
        name: shortGroupLabel(region),
        legendgroup: region,
        showlegend: k === 0 || !panels.slice(0, k).some((q) => q.data.some((r) => r.group === region)),
        x: rows.map((r) => sig(r.value / BN)),
        y: rows.map((r) => r.label),
        customdata: rows.map((r) => sig(100 * r.share, 4)),
        hovertemplate: "%{y}: %{x:.1f} bn US$ (%{customdata}% of the B&R total)<extra></extra>",
        marker: { color: GROUP_COLORS[j % GROUP_COLORS.length]! },
        xaxis: axisName("x", k),
        yaxis: axisName("y", k),
      });
    });
    // keep the rank order on the category axis
    (layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] as { [key: string]: Json }).categoryarray = p.data.map((r) => r.label);
    (layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] as { [key: string]: Json }).categoryorder = "array";
  });
  return makeFigure("F3", data, layout, sample);
}

/**
 * F4: compound annual growth rate of exports by region (%), one bar group per source/window.
 *
 * @example
 * growthByRegionFigure([{ label: "NBS CAGR 2015–2019", data: growthRates(nbsTotals) }], "…");
 */
export function growthByRegionFigure(panels: readonly SourcePanel<readonly GroupGrowth[]>[], sample: string): FigureSpec {
  const shades = ["#4c72b0", "#dd8452", "#55a868", "#c44e52"];
  const data: Trace[] = panels.map((p, k) => ({
    type: "bar",
    name: p.label,
    x: p.data.map((g) => shortGroupLabel(g.group)),
    y: p.data.map((g) => sig(g.cagr === null ? null : 100 * g.cagr, 4)),
    text: p.data.map((g) => (g.cagr === null ? "n/a" : `${(100 * g.cagr).toFixed(1)}%`)),
    textposition: "outside",
    cliponaxis: false,
    hovertemplate: `%{x}: %{y:.1f}% a year (${p.label})<extra></extra>`,
    marker: { color: shades[k % shades.length]! },
  }));
  const layout: { [key: string]: Json } = {
    barmode: "group",
    yaxis: { title: { text: "Compound annual growth rate (%)" }, zeroline: true },
    xaxis: { title: { text: "" }, ticklabelstandoff: 12 },
    margin: { t: 90, b: 120 },
    legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" },
  };
  return makeFigure("F4", data, layout, sample);
}
