/** A ReportDoc (score, summary) inside the page: its charts, lines and tables. */
import type { ReportDoc, ReportTable } from "../../reports/document.js";
import { cellText } from "../../format/report-text.js";
import { renderBarChart } from "../../format/svg-bars.js";
import { html, trusted, type Html } from "./html.js";

export function tableHtml(tb: ReportTable): Html {
  return html`<div class="card"><h2>${tb.title}</h2><div class="scroll"><table data-table="${tb.id}">
<thead><tr>${tb.columns.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>${tb.rows.map((r) => html`<tr>${r.map((cell, i) => html`<td>${cellText(cell, tb.columns[i]!)}</td>`)}</tr>`)}</tbody>
${tb.footer?.length ? html`<tfoot>${tb.footer.map((r) => html`<tr>${r.map((cell, i) => html`<td><b>${cellText(cell, tb.columns[i]!)}</b></td>`)}</tr>`)}</tfoot>` : ""}</table></div></div>`;
}

export function reportHtml(doc: ReportDoc, opts: { tables?: boolean } = {}): Html {
  return html`${doc.charts.map((c) => html`<div class="card"><h2>${c.title}</h2>${trusted(renderBarChart(c))}</div>`)}
${doc.sections.map((s) => html`<div class="card"><h2>${s.heading}</h2>${s.lines.map((l) => html`<div class="${l.tone ?? ""}" style="padding-left:${l.indent}em">${l.text}</div>`)}</div>`)}
${opts.tables === false ? "" : doc.tables.map(tableHtml)}`;
}
