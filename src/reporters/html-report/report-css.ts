/**
 * The report's only style sheet, inline. Status is always written out in
 * words (and a mark), never carried by colour alone, so a black-and-white
 * print reads the same. Print: A4, each scenario on its own pages, no table
 * row, timeline or transcript cut across a page break, transcripts unclipped.
 */
export const reportCss = `
:root { --fail: #b3261e; --pass: #1e6b34; --warn: #8a5a00; --muted: #5f6368; --rule: #d0d4d9; --band: #f3f5f7; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono { overflow-wrap: anywhere; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
pre { background: var(--band); border: 1px solid var(--rule); padding: 6px 8px; white-space: pre-wrap; word-break: break-word; max-height: 24em; overflow: auto; margin: 4px 0 8px; }
.muted { color: var(--muted); }
.status { font-weight: 600; white-space: nowrap; }
.passed, .evidenced, .met { color: var(--pass); }
.failed, .missed { color: var(--fail); }
.aborted, .errored, .skipped, .not-covered { color: var(--warn); }
.banner { border: 2px solid; padding: 8px 12px; margin: 12px 0; }
.banner.ok { border-color: var(--pass); }
.banner.bad { border-color: var(--fail); border-width: 4px; }
.banner.bad strong { color: var(--fail); font-size: 16px; }
.banner.none { border-color: var(--warn); }
.summary th { width: 14em; }
.timeline svg { width: 100%; height: auto; border: 1px solid var(--rule); background: #fff; }
.scenario { margin-top: 32px; }
.step { margin: 10px 0; }
.step h4 { margin: 0; font-size: 13px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  .scenario { break-before: page; margin-top: 0; }
  tr, .timeline, .step, .banner, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  pre { max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
