/** JSON: the report's data as documented in docs/reports.md, two-space indented, stable key order. */
import type { ReportDoc } from "../reports/document.js";

export function renderJson(doc: ReportDoc): string {
  return JSON.stringify(doc.data, null, 2) + "\n";
}
