/**
 * The empirical model of the study (paper §3), written once: as a LaTeX equation, in prose, as
 * engine formulas for each estimator, and with a documented proxy for each of the paper's concepts.
 *
 * Gravity-style panel (Anderson & van Wincoop 2003; Head & Mayer 2014, "Gravity equations:
 * workhorse, toolkit, and cookbook", Handbook of International Economics 4):
 *
 *   ln X_it = Σ_k β_k F_kit + γ1 ln GDP_it + γ2 ln POP_it + δ' Z_i + μ_i + λ_t + ε_it
 *
 * X_it: China's merchandise exports to Belt-and-Road country i in year t (the proxy for
 * cross-border e-commerce exports; no public bilateral CBEC series exists). F_kit: the factor
 * block. Z_i: time-invariant gravity terms (ln distance, contiguity, landlocked), identified only
 * when μ_i is not a fixed effect (pooled OLS, RE). PPML (Santos Silva & Tenreyro 2006) estimates
 * E[X_it | ·] = exp(...) on levels, keeping zero flows.
 */
import { FACTOR_KEYS, dependentSource, type AnalysisParams, type FactorKey } from "./params";

/** What a proxy measures of the paper's concept, and what it cannot. */
export interface ProxyDoc {
  readonly key: FactorKey | "online_shopping" | "platforms" | "dependent";
  readonly concept: string;
  /** Panel column used (null = not measured in the public data). */
  readonly variable: string | null;
  readonly symbol: string;
  readonly why: string;
  readonly cannot: string;
}

/** The documentation of every proxy, including the concepts the public data do not measure. */
export function proxyDocs(p: AnalysisParams): readonly ProxyDoc[] {
  const f = p.factors;
  const docs: ProxyDoc[] = [
    {
      key: "dependent",
      concept: "China's cross-border e-commerce (CBEC) exports to country i",
      variable: dependentSource(p).level,
      symbol: "X_{it}",
      why: "CBEC exports are a part of China's merchandise exports to each partner; total merchandise exports (China-reported FOB to 2019, partner-reported CIF imports from China to 2024) move with them and are the only public bilateral series.",
      cannot: "No public bilateral CBEC series exists: total merchandise exports include bulk B2B trade, so effects on the e-commerce share cannot be separated; the two trade sources differ in level (FOB vs CIF, re-exports, timing) and are never spliced.",
    },
    {
      key: "digital",
      concept: f.digital.concept,
      variable: f.digital.measure,
      symbol: "\\mathrm{DIG}_{it}",
      why: "Internet users (% of population, ITU) is the share of the population that can reach an online shop at all — the first condition for buying cross-border online; broadband and mobile subscriptions per 100 are the alternatives.",
      cannot: "It measures access, not quality, speed, price or online-shopping use; ITU revises the series heavily between vintages.",
    },
    {
      key: "logistics",
      concept: f.logistics.concept,
      variable: f.logistics.measure,
      symbol: "\\mathrm{LPI}_{it}",
      why: "The World Bank Logistics Performance Index (1–5) rates customs, infrastructure, shipments, competence, tracking and timeliness — the delivery chain a cross-border parcel passes through; its six sub-scores are alternatives.",
      cannot: "It is a survey of freight forwarders published in editions (2016, 2018, 2023), not yearly; values between editions are filled by the chosen rule (flagged); it does not measure postal/parcel or last-mile delivery for small consignments.",
    },
    {
      key: "payment",
      concept: f.payment.concept,
      variable: f.payment.measure,
      symbol: "\\mathrm{PAY}_{it}",
      why: "ATMs per 100,000 adults measure the reach of the formal payment system; bank branches per 100,000 adults and Findex account ownership (% aged 15+) are the alternatives.",
      cannot: "None of these measures card or mobile payments online, cross-border payment cost or the availability of Chinese payment platforms; Findex is a survey in waves (2014, 2017, 2021, 2024) and is filled between waves (flagged).",
    },
    {
      key: "online_shopping",
      concept: "Online-shopping penetration",
      variable: null,
      symbol: "",
      why: "The paper's concept is the share of consumers who buy online.",
      cannot: "Not measured in the public data used here: Findex 'used the internet to buy something online' and the UNCTAD B2C e-commerce index are not available; they (or national e-commerce surveys) would test the claim.",
    },
    {
      key: "institutions",
      concept: f.institutions.concept,
      variable: f.institutions.measure,
      symbol: "\\mathrm{INST}_{it}",
      why: "WGI regulatory quality (about −2.5 to 2.5) measures how far rules permit and promote private trade; rule of law and government effectiveness are the alternatives.",
      cannot: "A perception index of the whole economy; it does not measure e-commerce rules (de minimis thresholds, data localisation, consumer protection online).",
    },
    {
      key: "tariffs",
      concept: f.tariffs.concept,
      variable: f.tariffs.measure,
      symbol: "\\mathrm{TAR}_{it}",
      why: "The applied tariff rate (trade-weighted mean, all products, %) is the average duty a shipment meets at the border; the simple mean is the alternative.",
      cannot: "It is a most-favoured-nation/applied average over all partners, not the tariff on Chinese goods, and not the de minimis duty exemption that matters for parcels; the series ends in 2022.",
    },
    {
      key: "market_access",
      concept: f.market_access.concept,
      variable: f.market_access.measure,
      symbol: "\\mathrm{FTA}_{it}",
      why: "A dummy for a free-trade agreement with China in force in year t (WTO RTA database; RCEP as the alternative) marks preferential market access.",
      cannot: "It varies over time for few countries (so within-country estimates rest on few switches) and says nothing about e-commerce chapters of the agreements.",
    },
    {
      key: "platforms",
      concept: "Cross-border e-commerce platforms",
      variable: null,
      symbol: "",
      why: "The paper cites platforms (overseas warehouses, marketplaces) as a driver.",
      cannot: "Not measured in the public data: platform presence, overseas warehouses or marketplace traffic by country would test it.",
    },
  ];
  return docs;
}

/** Symbol of a factor in the equation. */
function factorSymbol(key: FactorKey): string {
  return ({ digital: "\\mathrm{DIG}", logistics: "\\mathrm{LPI}", payment: "\\mathrm{PAY}", institutions: "\\mathrm{INST}", tariffs: "\\mathrm{TAR}", market_access: "\\mathrm{FTA}" } as const)[key];
}

/** The factors that enter the model (those with a measure), in the parameter order. */
export function measuredFactors(p: AnalysisParams): FactorKey[] {
  return FACTOR_KEYS.filter((k) => p.factors[k].measure !== null);
}

/**
 * The model as a LaTeX display equation (KaTeX-compatible), built from the parameters.
 * @example
 * modelEquationLatex(loadParams()); // "\\ln X_{it} = \\beta_1 \\mathrm{DIG}_{it} + ..."
 */
export function modelEquationLatex(p: AnalysisParams): string {
  const terms = measuredFactors(p).map((k, j) => `\\beta_{${j + 1}}\\,${factorSymbol(k)}_{it}`);
  const lhs = "\\ln X_{it}";
  const rhs = [
    ...terms,
    "\\gamma_1 \\ln \\mathrm{GDP}_{it}",
    "\\gamma_2 \\ln \\mathrm{POP}_{it}",
    "\\delta' Z_i",
    "\\mu_i",
    "\\lambda_t",
    "\\varepsilon_{it}",
  ].join(" + ");
  return `${lhs} = ${rhs}, \\qquad Z_i = (\\ln \\mathrm{DIST}_i,\\ \\mathrm{CONTIG}_i,\\ \\mathrm{LANDLOCKED}_i)'`;
}

/** The PPML form on levels (Santos Silva & Tenreyro 2006). */
export function ppmlEquationLatex(p: AnalysisParams): string {
  const terms = measuredFactors(p).map((k, j) => `\\beta_{${j + 1}} ${factorSymbol(k)}_{it}`);
  return `E[X_{it} \\mid \\cdot] = \\exp\\left(${[...terms, "\\gamma_1 \\ln \\mathrm{GDP}_{it}", "\\gamma_2 \\ln \\mathrm{POP}_{it}", "\\mu_i", "\\lambda_t"].join(" + ")}\\right)`;
}

/** The specification in prose (Markdown), for the notebook and the report. */
export function modelProse(p: AnalysisParams): string {
  const dep = dependentSource(p);
  const f = modelFactors(p).map((k) => `${p.factors[k].concept} (\`${p.factors[k].measure}\`)`);
  const ext = measuredFactors(p).filter((k) => !p.factors[k].inBaseline).map((k) => `${p.factors[k].concept} (\`${p.factors[k].measure}\`)`);
  return [
    `We estimate a gravity-style panel model for China's exports to the ${p.panel.list} Belt-and-Road countries.`,
    `The dependent variable is the log of ${dep.label}, ${dep.years[0]}–${dep.years[1]} (the proxy for cross-border e-commerce exports: no public bilateral e-commerce series exists).`,
    `The factor block is: ${f.join("; ")}.` +
      (ext.length ? ` ${ext.join("; ")} enter${ext.length === 1 ? "s" : ""} an extended model only, because the series is short (it ends before the sample does) and would cut the baseline sample.` : "") +
      " Online-shopping penetration and platforms are not measured in the public data.",
    `Controls are log GDP and log population of the partner (market size). Time-invariant gravity terms — log distance to China, contiguity and landlocked status — enter where the estimator can identify them (pooled OLS and random effects); country fixed effects μ_i absorb them in the within estimator and in PPML.`,
    `Year effects λ_t absorb China-side shocks common to all partners (exchange rate, Chinese supply, the COVID-19 years). Standard errors are clustered by ${p.cluster} (the country), because errors of one country are correlated over time.`,
  ].join(" ");
}

/** A column name for a measure entered as specified (log or level). */
export function factorColumn(p: AnalysisParams, key: FactorKey, measure: string): string {
  return p.factors[key].log ? `ln_${measure}` : measure;
}

/** The regressors of one specification: factor measures, then controls. */
export interface Regressors {
  readonly factors: Readonly<Partial<Record<FactorKey, string>>>;
  readonly controls: readonly string[];
}

/** The factors of the baseline block (measured and `inBaseline`), or of the extended model. */
export function modelFactors(p: AnalysisParams, extended = false): FactorKey[] {
  return measuredFactors(p).filter((k) => extended || p.factors[k].inBaseline);
}

/**
 * The regressors from the parameters: one measure per factor of the baseline block (or of the
 * extended model), then the controls; `override` replaces a factor's measure.
 */
export function baselineRegressors(p: AnalysisParams, override: Partial<Record<FactorKey, string>> = {}, extended = false): Regressors {
  const factors: Partial<Record<FactorKey, string>> = {};
  for (const k of modelFactors(p, extended)) factors[k] = override[k] ?? p.factors[k].measure!;
  return { factors, controls: [...p.controls] };
}

/** The regressor names in order (factors then controls). */
export function regressorList(r: Regressors): string[] {
  return [...FACTOR_KEYS.flatMap((k) => (r.factors[k] ? [r.factors[k]!] : [])), ...r.controls];
}

/** Engine formula `y ~ x1 + ... | fe1 + fe2` (fixest syntax, see src/estimate). */
export function formula(y: string, rhs: readonly string[], fe: readonly string[] = []): string {
  const f = `${y} ~ ${rhs.length ? rhs.join(" + ") : "1"}`;
  return fe.length ? `${f} | ${fe.join(" + ")}` : f;
}
