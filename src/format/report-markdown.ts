/** Markdown: headings, nested lists for prose, GitHub pipe tables (pipes in cells escaped). */
import type { ReportDoc, ReportTable } from "../reports/document.js";
import { cellText } from "./report-text.js";

const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function markdownTable(t: ReportTable): string {
  const head = `| ${t.columns.map((c) => esc(c.header)).join(" | ")} |`;
  const rule = `|${t.columns.map((c) => (c.type === "text" ? " --- " : " ---: ")).join("|")}|`;
  const rows = [...t.rows, ...(t.footer ?? [])].map((r) => `| ${r.map((c, i) => esc(cellText(c, t.columns[i]!))).join(" | ")} |`);
  return [head, rule, ...rows].join("\n") + "\n";
}

export function renderMarkdown(doc: ReportDoc, opts: { tables?: boolean } = {}): string {
  const out: string[] = [`# ${doc.title}`, "", ...doc.meta.map((m) => `${m}  `), ""];
  for (const s of doc.sections) {
    out.push(`## ${s.heading}`, "");
    for (const l of s.lines) {
      const text = l.tone === "short" ? `**${l.text}**` : l.tone === "hint" ? `_${l.text}_` : l.text;
      out.push(l.indent === 0 ? `${text}\n` : `${"  ".repeat(l.indent - 1)}- ${text}`);
    }
    out.push("");
  }
  if (opts.tables !== false) for (const t of doc.tables) out.push(`## ${t.title}`, "", markdownTable(t));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/\n+$/, "") + "\n";
}
