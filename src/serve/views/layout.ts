/** The page frame: school name, tabs for what this person may open, language switch, log out. */
import { t, type Lang } from "../../i18n.js";
import { html, type Html } from "./html.js";

export interface Frame {
  lang: Lang;
  school: string;
  title: string;
  /** Absent on the login pages. */
  user?: { name: string; leads: boolean; office: boolean; csrf: string };
  active?: string;
  flash?: { ok: boolean; text: string };
}

export function tabs(frame: Frame): { href: string; label: string; id: string }[] {
  const l = frame.lang;
  const u = frame.user;
  if (!u) return [];
  return [
    { id: "me", href: "/", label: t(l, "我的研修", "My record") },
    { id: "add", href: "/add", label: t(l, "新增记录", "Add") },
    ...(u.leads ? [{ id: "leader", href: "/leader", label: t(l, "组长", "Group leader") }] : []),
    ...(u.leads || u.office ? [{ id: "review", href: "/review", label: t(l, "审核", "Review") }] : []),
    ...(u.office ? [{ id: "office", href: "/office", label: t(l, "教务处", "Office") }] : []),
  ];
}

export function page(frame: Frame, body: Html): Html {
  const l = frame.lang;
  const other = l === "en" ? { code: "zh", label: "中文" } : { code: "en", label: "English" };
  return html`<!DOCTYPE html>
<html lang="${l === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${frame.title} · ${frame.school}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body>
<header class="top"><span class="school">${frame.school} · ${t(l, "校本研修", "school-based study")}</span>
<a href="?lang=${other.code}">${other.label}</a>
${frame.user ? html`<span>${frame.user.name}</span>
<form method="post" action="/logout" style="display:inline"><input type="hidden" name="_csrf" value="${frame.user.csrf}"><button class="link" type="submit">${t(l, "退出", "Log out")}</button></form>` : ""}
</header>
${frame.user ? html`<nav class="tabs">${tabs(frame).map((x) => html`<a href="${x.href}" class="${x.id === frame.active ? "on" : ""}">${x.label}</a>`)}</nav>` : ""}
<main>
${frame.flash ? html`<div class="flash ${frame.flash.ok ? "ok" : "bad"}" role="status">${frame.flash.text}</div>` : ""}
${body}
</main></body></html>`;
}

export function errorPage(frame: Frame, heading: string, text: string): Html {
  return page(frame, html`<div class="card"><h1>${heading}</h1><p>${text}</p><p><a href="/">${t(frame.lang, "回到首页", "Back to the start page")}</a></p></div>`);
}
