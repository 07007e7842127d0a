/**
 * F6: seasonality of China's monthly exports — each month's share of its year's exports (one line
 * per year, and the mean), and the mean quarter shares with each year's value.
 */
import type { SeasonalityResult } from "../stats/index";
import { type Json, type Trace, makeFigure, sig, type FigureSpec } from "./spec";

const YEAR_COLORS = ["#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b", "#252525"];

/**
 * F6 from a {@link SeasonalityResult}: left, month shares (%) by year and their mean; right, quarter
 * shares (%) — bars for the mean, dots for each year; a dashed line marks the equal share (25 %).
 *
 * @example
 * seasonalityFigure(seasonality(monthly, { value: "exports_usd" }), "NBS monthly exports 2016–2019");
 */
export function seasonalityFigure(s: SeasonalityResult, sample: string): FigureSpec {
  const data: Trace[] = [];
  s.yearsUsed.forEach((y, i) => {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: String(y),
      x: [...s.periods],
      y: s.periodShareByYear[i]!.map((v) => sig(100 * v, 5)),
      line: { color: YEAR_COLORS[i % YEAR_COLORS.length]!, width: 1 },
      marker: { size: 4 },
      hovertemplate: `${y} %{x}: %{y:.2f}% of the year<extra></extra>`,
      xaxis: "x",
      yaxis: "y",
    });
  });
  data.push({
    type: "scatter",
    mode: "lines",
    name: `Mean ${s.yearsUsed[0]}–${s.yearsUsed[s.yearsUsed.length - 1]}`,
    x: [...s.periods],
    y: s.periodShareMean.map((v) => sig(100 * v, 5)),
    line: { color: "#d62728", width: 3 },
    hovertemplate: "mean %{x}: %{y:.2f}%<extra></extra>",
    xaxis: "x",
    yaxis: "y",
  });
  const quarters = ["Q1", "Q2", "Q3", "Q4"];
  data.push({
    type: "bar",
    name: "Quarter share (mean)",
    x: quarters,
    y: s.quarterShareMean.map((v) => sig(100 * v, 5)),
    marker: { color: "#fdae6b" },
    text: s.quarterShareMean.map((v) => `${(100 * v).toFixed(1)}%`),
    textposition: "inside",
    hovertemplate: "%{x}: %{y:.2f}% of the year (mean)<extra></extra>",
    xaxis: "x2",
    yaxis: "y2",
  });
  s.yearsUsed.forEach((y, i) => {
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${y} (quarters)`,
      showlegend: false,
      x: quarters,
      y: s.quarterShareByYear[i]!.map((v) => sig(100 * v, 5)),
      marker: { color: YEAR_COLORS[i % YEAR_COLORS.length]!, size: 7, line: { color: "#333333", width: 0.5 } },
      hovertemplate: `${y} %{x}: %{y:.2f}%<extra></extra>`,
      xaxis: "x2",
      yaxis: "y2",
    });
  });
  const F = s.regression;
  const layout: { [key: string]: Json } = {
    xaxis: { domain: [0, 0.6], title: { text: s.janFeb === "combined" ? "Month (January and February combined)" : "Month" }, anchor: "y" },
    yaxis: { title: { text: "Share of the year's exports (%)" }, anchor: "x" },
    xaxis2: { domain: [0.7, 1], title: { text: "Quarter" }, anchor: "y2" },
    yaxis2: { title: { text: "Share of the year's exports (%)" }, anchor: "x2", range: [0, 35] },
    shapes: [{ type: "line", xref: "x2", yref: "y2", x0: -0.5, x1: 3.5, y0: 25, y1: 25, line: { dash: "dash", color: "#555555", width: 1 } }],
    annotations: [
      {
        text: `Quarter effects (log, year FE): F(${F.fDf1}, ${F.fDf2}) = ${F.fStatistic.toFixed(2)}, p = ${F.fPValue.toPrecision(2)}`,
        xref: "paper", yref: "paper", x: 1, y: 1.12, xanchor: "right", showarrow: false, font: { size: 11 },
      },
    ],
    legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" },
    margin: { t: 90, b: 120 },
  };
  return makeFigure("F6", data, layout, sample);
}
