/**
 * The printable invitation sheet: one card per teacher with the address (also as a QR code,
 * which holds only the address, never the code), name, id and code.
 */
import { t, type Lang } from "../../i18n.js";
import { html, type Html } from "./html.js";

export interface Invitation {
  id: string;
  name: string;
  code: string;
  /** The QR code of welcomeUrl(url, id) (views/qr.ts). */
  qr?: Html;
}

/** The address a teacher opens first: the welcome page with her id filled in. */
export function welcomeUrl(url: string, id: string): string {
  return `${url}welcome?id=${encodeURIComponent(id)}`;
}

export function inviteSheet(school: string, url: string, invitations: Invitation[], lang: Lang): Html {
  return html`<!DOCTYPE html><html lang="${lang === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8"><title>${school} ${t(lang, "研修网页邀请码", "invitation codes")}</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:10mm}
.card{display:inline-block;width:88mm;border:1px dashed #999;padding:5mm;margin:0 2mm 4mm 0;vertical-align:top;break-inside:avoid;page-break-inside:avoid}
.code{font:bold 20px monospace;letter-spacing:2px}.qr{float:right;width:30mm;height:30mm;margin:0 0 2mm 3mm}.qr svg{width:100%;height:100%}.muted{color:#666;font-size:12px}@page{size:A4;margin:10mm}</style></head><body>
${invitations.map((i) => html`<div class="card">${i.qr ? html`<div class="qr" title="${t(lang, "微信扫一扫打开网址", "scan to open the address")}">${i.qr}</div>` : ""}<div><b>${school}</b> · ${t(lang, "校本研修", "school-based study")}</div>
<div>${t(lang, "网址", "Address")}:<b>${welcomeUrl(url, i.id)}</b></div>
<div>${i.name}(${t(lang, "编号", "id")} <b>${i.id}</b>)</div>
<div>${t(lang, "邀请码", "Code")}:<span class="code">${i.code}</span></div>
<div class="muted">${t(lang, "用微信扫右上角的二维码(或打开网址),输入编号和邀请码,设置自己的密码。邀请码只能用一次,请勿转给他人。", "Scan the QR code with WeChat (or open the address), enter your id and this code, and choose your password. The code works once; do not pass it on.")}</div></div>`)}
</body></html>`;
}
