/**
 * Plotly figure specs (pure JSON, deterministic) with stable IDs from src/artifacts.ts, and HTML
 * helpers to draw them offline in notebooks.
 */
export { FIGURE_CONFIG, figureJson, makeFigure, sig, validateFigureSpec, withGaps, type FigureSpec, type Json, type Trace } from "./spec";
export { GROUP_COLORS, exportTrendFigure, growthByRegionFigure, regionalSharesFigure, shortGroupLabel, topPartnersFigure, type SourcePanel } from "./trade";
export { WORLD_TOPOJSON, briMapFigure, mapCountryIds, worldTopojson, type MapLayer } from "./map";
export { seasonalityFigure } from "./seasonality";
export { correlationHeatmapFigure, factorScatterFigure, leastSquaresLine, missingDataFigure, type LabelledVariable } from "./factors";
export { bestCoveredYear, descriptiveFigures } from "./descriptive";
export { figureHtml, plotlyBundlePath, plotlyLoaderHtml, scriptSafeJson } from "./html";
