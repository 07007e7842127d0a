/**
 * Escaping for the report page: HTML text and JSON placed inside <script> elements.
 */
export { escapeHtml } from "../tables/escape";

/**
 * JSON text that is safe inside an HTML <script> element: `<` is written `\u003c` (so neither
 * `</script>` nor `<!--` can occur), and the line separators U+2028/U+2029 as escapes. The result
 * is still valid JSON denoting the same value. Keys are emitted in insertion order (deterministic).
 *
 * @example
 * jsonForScript({ name: "</script><script>alert(1)</script>" });
 * // '{"name":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}'
 */
export function jsonForScript(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) throw new Error("jsonForScript: value is not JSON-serialisable");
  return s.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * JavaScript source to place inside <script>, checked rather than rewritten: a `</script` or `<!--`
 * sequence would end or confuse the element, and rewriting code could change its meaning, so
 * either is an error naming the asset.
 */
export function scriptSafe(code: string, what = "script"): string {
  const m = /<\/script|<!--/i.exec(code);
  if (m) throw new Error(`${what}: contains '${m[0]}' at offset ${m.index}; cannot be inlined in a <script> element`);
  return code;
}
