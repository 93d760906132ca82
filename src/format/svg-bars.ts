/**
 * Horizontal bar charts as inline SVG (no script, no network): a label column, one <rect
 * class="bar"> per bar with its value at the end, and an optional dashed target line.
 * Horizontal because Chinese names read better as row labels than as rotated ticks.
 */
import stringWidth from "string-width";
import type { BarChart } from "../reports/document.js";
import { escapeHtml } from "./html-escape.js";

const ROW = 22;
const BAR = 14;
const WIDTH = 660;
const TOP = 24;

/** A round axis maximum: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

export function renderBarChart(chart: BarChart): string {
  const labelW = Math.min(220, Math.max(60, Math.max(...chart.bars.map((b) => stringWidth(b.label)), 4) * 6.5 + 12));
  const plotW = WIDTH - labelW - 56;
  const top = niceMax(Math.max(0, ...chart.bars.map((b) => b.value), chart.target?.value ?? 0));
  const x = (v: number) => labelW + (Math.max(0, v) / top) * plotW;
  const height = TOP + chart.bars.length * ROW + 26;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (top / 4) * i;
    parts.push(`<line class="grid" x1="${x(v).toFixed(1)}" y1="${TOP - 4}" x2="${x(v).toFixed(1)}" y2="${TOP + chart.bars.length * ROW}"/>`);
    parts.push(`<text class="tick" x="${x(v).toFixed(1)}" y="${TOP + chart.bars.length * ROW + 14}" text-anchor="middle">${fmt(v)}</text>`);
  }
  chart.bars.forEach((b, i) => {
    const y = TOP + i * ROW;
    const w = x(b.value) - labelW;
    const cls = b.ok === undefined ? "bar" : b.ok ? "bar ok" : "bar short";
    parts.push(`<text class="label" x="${labelW - 8}" y="${y + BAR - 2}" text-anchor="end">${escapeHtml(b.label)}</text>`);
    parts.push(`<rect class="${cls}" x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" rx="2"><title>${escapeHtml(`${b.label}: ${fmt(b.value)} ${chart.unit}`)}</title></rect>`);
    parts.push(`<text class="value" x="${(labelW + w + 4).toFixed(1)}" y="${y + BAR - 2}">${fmt(b.value)}</text>`);
  });
  if (chart.target) {
    const tx = x(chart.target.value).toFixed(1);
    parts.push(`<line class="target" x1="${tx}" y1="${TOP - 8}" x2="${tx}" y2="${TOP + chart.bars.length * ROW}"/>`);
    parts.push(`<text class="target-label" x="${tx}" y="${TOP - 11}" text-anchor="middle">${escapeHtml(chart.target.label)}</text>`);
  }
  return (
    `<svg class="chart" data-chart="${escapeHtml(chart.id)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">` +
    parts.join("") +
    `</svg>`
  );
}
