/**
 * One self-contained HTML file: inline CSS, inline SVG charts, no script and no network, so
 * it opens offline and prints on A4 (@page; charts and table rows never split across pages).
 */
import type { ReportDoc, ReportTable } from "../reports/document.js";
import { escapeHtml as h } from "./html-escape.js";
import { cellText } from "./report-text.js";
import { renderBarChart } from "./svg-bars.js";

const CSS = `
:root { --ok: #2e7d32; --short: #c62828; --bar: #1f77b4; --ink: #222; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  color: var(--ink); margin: 24px auto; max-width: 1800px; padding: 0 16px; font-size: 14px; line-height: 1.5; }
section.prose, figure { max-width: 900px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 2px; }
.meta { color: var(--muted); margin: 0; }
figure { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; }
svg .bar { fill: var(--bar); } svg .bar.ok { fill: var(--ok); } svg .bar.short { fill: var(--short); }
svg .grid { stroke: #eee; } svg .tick, svg .value { fill: var(--muted); } svg .label { fill: var(--ink); }
svg .target { stroke: #ff8f00; stroke-width: 1.5; stroke-dasharray: 4 3; } svg .target-label { fill: #e65100; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
/* Names and short text never break (王丽 stays 王丽); long text wraps, with room to. */
td.num, td.short-text { white-space: nowrap; }
th { word-break: keep-all; overflow-wrap: break-word; }
td.long { min-width: 14em; word-break: normal; overflow-wrap: anywhere; }
tfoot td { font-weight: bold; background: #fafafa; }
.signatures { display: flex; gap: 4em; margin: 28px 0 8px; }
.signatures span { flex: 1; border-bottom: 1px solid var(--ink); padding-bottom: 2px; }
th { background: #f5f5f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; } thead { display: table-header-group; }
ul { margin: 2px 0; padding-left: 18px; list-style: none; } p.line { margin: 4px 0; }
.short { color: var(--short); font-weight: bold; } .ok { color: var(--ok); } .hint { color: #00695c; } .muted { color: var(--muted); }
@page { size: A4 landscape; margin: 10mm; }
/* In print every column stays on the page: small type, number headers set vertically. */
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } a { color: inherit; }
  .wrap { overflow: visible; } table { font-size: 8pt; width: 100%; } th, td { padding: 1px 3px; }
  table.many th.num { writing-mode: vertical-rl; white-space: nowrap; vertical-align: bottom; height: calc(var(--head-chars, 6) * 1.15em + 0.6em); }
  /* The totals once, after the last row: a footer repeated at each page's foot reads as that page's total. */
  tfoot { display: table-row-group; }
  td.long { min-width: 10em; } }
`;

const cellClass = (col: ReportTable["columns"][number]) => (col.type !== "text" ? "num" : col.long ? "long" : "short-text");

function rowHtml(t: ReportTable, r: ReportTable["rows"][number]): string {
  return `<tr>${r.map((c, i) => { const col = t.columns[i]!; return `<td class="${cellClass(col)}">${h(cellText(c, col))}</td>`; }).join("")}</tr>`;
}

/** Tables with many number columns print their headers vertically, so they keep to the page width. */
const MANY = 8;

function tableHtml(t: ReportTable): string {
  const head = t.columns.map((c) => `<th${c.type !== "text" ? ' class="num"' : ""}>${h(c.header)}</th>`).join("");
  const rows = t.rows.map((r) => rowHtml(t, r)).join("\n");
  const foot = t.footer?.length ? `<tfoot>\n${t.footer.map((r) => rowHtml(t, r)).join("\n")}\n</tfoot>` : "";
  // Set vertically, the longest header's characters (one em each) make the header row's height:
  // Chromium sizes the row for less, and the header ran into the first row.
  const longest = Math.max(0, ...t.columns.filter((c) => c.type !== "text").map((c) => [...c.header].length));
  const many = t.columns.filter((c) => c.type !== "text").length >= MANY ? ` class="many" style="--head-chars: ${longest}"` : "";
  return `<h2>${h(t.title)}</h2>\n<div class="wrap"><table data-table="${h(t.id)}"${many}><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody>${foot}</table></div>`;
}

function sectionHtml(s: ReportDoc["sections"][number]): string {
  const out: string[] = [`<h2>${h(s.heading)}</h2>`];
  let depth = 0;
  for (const l of s.lines) {
    const want = l.indent;
    while (depth < want) { out.push("<ul>"); depth++; }
    while (depth > want) { out.push("</ul>"); depth--; }
    const cls = l.tone ? ` class="${l.tone}"` : "";
    out.push(want === 0 ? `<p class="line"><span${cls}>${h(l.text)}</span></p>` : `<li${cls}>${h(l.text)}</li>`);
  }
  while (depth-- > 0) out.push("</ul>");
  return out.join("\n");
}

export function renderHtml(doc: ReportDoc, opts: { tables?: boolean } = {}): string {
  const lang = doc.lang === "en" ? "en" : "zh-CN";
  const charts = doc.charts.map((c) => `<figure><figcaption>${h(c.title)}</figcaption>\n${renderBarChart(c)}</figure>`);
  return [
    `<!DOCTYPE html>`,
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="yanxiu"><title>${h(doc.title)}</title><style>${CSS}</style></head><body>`,
    `<header><h1>${h(doc.title)}</h1>${doc.meta.map((m) => `<p class="meta">${h(m)}</p>`).join("")}</header>`,
    ...charts,
    ...doc.sections.map(sectionHtml),
    ...(opts.tables === false ? [] : doc.tables.map(tableHtml)),
    ...(doc.signatures?.length ? [`<footer class="signatures">${doc.signatures.map((x) => `<span>${h(x)}:</span>`).join("")}</footer>`] : []),
    `</body></html>`,
    "",
  ].join("\n");
}
