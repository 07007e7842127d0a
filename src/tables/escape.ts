/**
 * Escaping for each output format. Every renderer passes every piece of text through one of these.
 */

/**
 * Text for HTML element content and attribute values: & < > " ' escaped.
 *
 * @example
 * escapeHtml('<script>alert("x")</script>'); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

const LATEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  _: "\\_",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  $: "\\$",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "²": "\\textsuperscript{2}",
  "–": "--",
  "—": "---",
  "×": "\\texttimes{}",
  "≥": "\\ensuremath{\\geq}",
  "≤": "\\ensuremath{\\leq}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

/**
 * Text for LaTeX (text mode): the ten special characters \ { } _ % & # $ ~ ^ and < > escaped, and
 * a few Unicode symbols common in tables (², –, —, ×, ≥, ≤) mapped to LaTeX commands.
 *
 * @example
 * escapeLatex("ln_gdp 5% & #1"); // "ln\\_gdp 5\\% \\& \\#1"
 */
export function escapeLatex(s: string): string {
  return s.replace(/[\\{}_%&#$~^²–—×≥≤<>]/g, (c) => LATEX_SPECIAL[c]!);
}

/**
 * Text for a CommonMark/GFM table cell: backslash-escape the characters that would start markup or
 * break the table (\ ` * _ [ ] < > | & ~ $ ^); line breaks become spaces.
 *
 * @example
 * escapeMarkdown("a|b *c*"); // "a\\|b \\*c\\*"
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n|\r|\n/g, " ").replace(/[\\`*_[\]<>|&~$^]/g, (c) => `\\${c}`);
}

/**
 * One CSV field (RFC 4180): quoted when it contains a comma, a double quote, CR or LF (or leading or
 * trailing spaces), with each double quote doubled.
 *
 * @example
 * csvField('He said "hi", twice'); // "\"He said \"\"hi\"\", twice\""
 */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
