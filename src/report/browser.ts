/**
 * Headless Chromium for the report (PDF export and the browser test): Debian's /usr/bin/chromium
 * driven by playwright-core, with the flags known to work offline (/work/shared/TRAPS.md) and every
 * non-file request aborted and recorded.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Path of the Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** Flags that keep Chromium quiet and offline (no background networking, no component update). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface OpenedReport {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages of type "error" and uncaught page errors. */
  readonly errors: string[];
  /** Requests that were attempted to a non-file URL (aborted), or that failed. */
  readonly blocked: string[];
  readonly failed: string[];
  close(): Promise<void>;
}

/** Page condition (a JS expression): every `.plot` div of the report holds a rendered plotly SVG. */
export const ALL_PLOTS_DRAWN = `Array.from(document.querySelectorAll(".plot")).every((d) => d.querySelector(".main-svg") !== null)`;

/**
 * Open an HTML file in headless Chromium with the network blocked, and wait until `waitFor` (a JS
 * expression evaluated in the page; default: every `.plot` div holds a rendered plotly SVG) is
 * true, or `timeoutMs` passes. The one Chromium launcher of the project: the report's PDF export,
 * the report browser test and the figure render test use it.
 */
export async function openReport(htmlPath: string, timeoutMs = 60_000, waitFor = ALL_PLOTS_DRAWN): Promise<OpenedReport> {
  const { chromium } = await import("playwright-core");
  // playwright gives each launch a fresh temporary profile (the --user-data-dir of TRAPS.md)
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: "block" });
  const errors: string[] = [];
  const blocked: string[] = [];
  const failed: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => failed.push(`${r.url()} (${r.failure()?.errorText ?? "failed"})`));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout: timeoutMs });
  // evaluated in the page (a string: the project's tsconfig has no DOM types)
  await page.waitForFunction(waitFor, undefined, { timeout: timeoutMs });
  return {
    browser,
    context,
    page,
    errors,
    blocked,
    failed,
    async close() {
      await browser.close();
    },
  };
}

/** Print the report to PDF (A4, backgrounds, the page's print CSS). */
export async function printPdf(htmlPath: string, pdfPath: string): Promise<void> {
  const r = await openReport(htmlPath);
  try {
    if (r.blocked.length) throw new Error(`the report tried to fetch ${r.blocked.length} URL(s): ${r.blocked.slice(0, 3).join(", ")}`);
    await r.page.emulateMedia({ media: "print" });
    await r.page.pdf({ path: pdfPath, format: "A4", printBackground: true, preferCSSPageSize: true });
  } finally {
    await r.close();
  }
}
