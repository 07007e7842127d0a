/** The report's stylesheet (screen and print). No external fonts: system serif and sans fonts. */
export const REPORT_CSS = `
:root { --fg: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --accent: #1f4e79; --pending: #fff4e0; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 58rem; padding: 2rem 1.5rem 4rem; color: var(--fg);
  font-family: "Charter", "Georgia", "DejaVu Serif", serif; line-height: 1.55; }
header.title h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
header.title .subtitle { font-style: italic; margin: 0 0 .8rem; }
header.title .meta { color: var(--muted); font-size: .85rem; margin: .1rem 0; font-family: system-ui, sans-serif; }
nav.toc { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); margin: 1.5rem 0; padding: .5rem 0; }
nav.toc h2 { font-size: 1rem; margin: .3rem 0; }
nav.toc ol { list-style: none; padding: 0; margin: 0; columns: 2; font-size: .9rem; }
nav.toc li.toc-l2 { padding-left: 1.5rem; }
nav.toc a { color: var(--fg); text-decoration: none; }
nav.lot { margin-top: 0; border-top: 0; }
nav.lot ol { columns: 1; }
nav.lot .label { font-weight: 600; margin-right: .3rem; }
nav.toc a:hover { text-decoration: underline; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.secno { color: var(--accent); margin-right: .3rem; }
a { color: var(--accent); }
figure.artifact { margin: 1.4rem 0; }
figure.artifact figcaption, .artifact .caption { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--fg); margin: .4rem 0; }
figcaption .label, .caption .label { font-weight: 600; }
figcaption .source, .caption .source { color: var(--muted); }
.scroll { overflow-x: auto; }
table.tbl { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: .82rem; margin: .3rem 0; font-variant-numeric: tabular-nums; }
table.tbl thead { border-top: 2px solid var(--fg); border-bottom: 1px solid var(--fg); }
table.tbl tbody + tbody { border-top: 1px solid var(--rule); }
table.tbl tbody:last-of-type { border-bottom: 2px solid var(--fg); }
table.tbl th, table.tbl td { padding: .15rem .6rem; text-align: left; vertical-align: top; }
table.tbl .r { text-align: right; } table.tbl .c { text-align: center; }
table.tbl tr.se td { color: var(--muted); padding-top: 0; }
table.tbl tr.group th { font-style: italic; font-weight: 500; }
table.tbl sup { font-size: .7em; }
table.tbl tfoot td { font-size: .78rem; color: var(--muted); padding-top: .4rem; }
table.tbl tfoot p { margin: .1rem 0; }
.plot { width: 100%; min-height: 420px; }
.pending { background: var(--pending); border-left: 4px solid #d98c00; padding: .5rem .9rem; margin: 1.2rem 0; font-family: system-ui, sans-serif; font-size: .88rem; }
.pending .reason { margin: .2rem 0; }
.pending-value { background: var(--pending); font-family: system-ui, sans-serif; font-size: .85em; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: .3rem 0; }
.equation .katex-display { font-size: .92em; }
@media print { .equation .katex-display { font-size: .6em; overflow: visible; } }
code { font-size: .88em; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc ol { columns: 2; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.artifact, .pending, table.tbl { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  table.tbl { font-size: 7.5pt; }
  table.tbl th, table.tbl td { padding: .1rem .3rem; }
  .modebar, .modebar-container { display: none !important; }
  section.level1 { break-before: auto; }
}
`;
