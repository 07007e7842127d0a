/**
 * Prose of the report: Markdown rendered by markdown-it (raw HTML disabled, so prose cannot inject
 * markup) with KaTeX math through @vscode/markdown-it-katex (`$…$` inline, `$$…$$` display).
 *
 * Report directives inside the Markdown (resolved after rendering, see src/report/document.ts):
 * - a paragraph that is only `{{T5}}` places artifact T5 (table, figure or pending note) there;
 * - `[[T5]]` is an inline reference, rendered as a link "Table 5";
 * - `{{value:name}}` inserts a number computed at build time (escaped text).
 */
import MarkdownIt from "markdown-it";
import markdownItKatex from "@vscode/markdown-it-katex";
import katex from "katex";

let instance: MarkdownIt | null = null;

/** The shared markdown-it instance (CommonMark + tables, no raw HTML, KaTeX math). */
export function markdown(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // the plugin is CommonJS with `exports.default`: under Node's ESM interop the default import is
  // the module object, under a bundler it is the function
  const mod: unknown = markdownItKatex;
  const plugin = (typeof mod === "function" ? mod : (mod as { default: unknown }).default) as typeof markdownItKatex;
  md.use(plugin, { katex, throwOnError: true });
  instance = md;
  return md;
}

/**
 * Markdown to HTML.
 *
 * @example
 * renderMarkdown("Model: $y_{it}$"); // "<p>Model: <span class=\"katex\">…</span></p>\n"
 */
export function renderMarkdown(src: string): string {
  return markdown().render(src);
}

/** A display equation (KaTeX HTML+MathML), for equations built in code (e.g. the model). */
export function renderDisplayMath(tex: string): string {
  return katex.renderToString(tex, { displayMode: true, throwOnError: true, output: "htmlAndMathml" });
}
