/** 教务处: every teacher, the score and summary tables with charts, check's problems, downloads, accounts. */
import type { Hono } from "hono";
import { t } from "../i18n.js";
import { runChecks } from "../checks/index.js";
import { sortProblems } from "../problem.js";
import { renderCsv } from "../format/report-csv.js";
import { renderHtml } from "../format/report-html.js";
import { renderJson } from "../format/report-json.js";
import { renderMarkdown } from "../format/report-markdown.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, frameOf, langOf } from "./app.js";
import { needLogin, rulesBroken, scoringOf } from "./routes-me.js";
import { isActive } from "./roles.js";
import { periodChoices, pickPeriod, reportDoc, REPORTS, type ReportName } from "./office-data.js";
import { certificateHtml } from "./certificates.js";
import { certifiedTeachers } from "../reports/certificates.js";
import { page } from "./views/layout.js";
import { FORMATS, officeBody, type AccountRow } from "./views/office.js";

const TYPES: Record<(typeof FORMATS)[number], string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
};
const EXT: Record<(typeof FORMATS)[number], string> = { xlsx: "xlsx", csv: "csv", html: "html", markdown: "md", json: "json" };

export function registerOffice(app: Hono<{ Variables: Vars }>, server: Server): void {
  const officeOnly = (c: Ctx) => {
    const stop = needLogin(c);
    if (stop) return stop;
    if (!c.get("viewer")!.office) return forbidden(c, t(langOf(c), "只有教务处可以查看全校的数据", "Only the office sees the whole school"));
    return undefined;
  };

  app.get("/office", (c) => {
    const stop = officeOnly(c);
    if (stop) return stop;
    const s = scoringOf(c);
    if (!s) return rulesBroken(c);
    const l = langOf(c);
    const today = server.opts.today();
    const chosen = pickPeriod(s.dataset, c.req.query("period"), today);
    if (!chosen) return rulesBroken(c);
    const accounts = server.accounts.read();
    const rows: AccountRow[] = s.dataset.roster.teachers.map((x) => {
      const a = accounts.get(x.id);
      const state = !isActive(x, today) ? t(l, "已离校", "left") : a?.disabled ? t(l, "已停用", "disabled") : a?.password ? t(l, "已启用", "active") : a?.code ? t(l, "已邀请", "invited") : t(l, "未邀请", "not invited");
      return { id: x.id, name: x.name, state, lastLogin: a?.lastLogin?.slice(0, 16).replace("T", " ") };
    });
    const problems = sortProblems(runChecks(c.get("repo"), { today }));
    const body = officeBody({
      lang: l, choices: periodChoices(s.dataset), chosen, problems, accounts: rows,
      certified: certifiedTeachers(s.dataset, chosen.period).map((x) => ({ id: x.id, name: x.name })),
      summary: reportDoc("summary", s.dataset, s.scheme, chosen.period, l, today),
      score: reportDoc("score", s.dataset, s.scheme, chosen.period, l, today),
    });
    return c.html(String(page(frameOf(c, t(l, "教务处", "Office"), "office"), body)));
  });

  /** 学时证明 to print: the whole school (teacher=all) or one teacher, for the period chosen. */
  app.get("/office/certificates", (c) => {
    const stop = officeOnly(c);
    if (stop) return stop;
    const s = scoringOf(c);
    if (!s) return rulesBroken(c);
    const chosen = pickPeriod(s.dataset, c.req.query("period"), server.opts.today());
    if (!chosen) return c.notFound();
    const who = c.req.query("teacher") ?? "all";
    const teachers = certifiedTeachers(s.dataset, chosen.period).filter((x) => who === "all" || x.id === who);
    if (teachers.length === 0) return c.notFound();
    const html = certificateHtml(s.dataset, s.scheme, chosen.period, teachers, langOf(c), server.opts.today());
    // Inline: the office opens it and prints it (one page per teacher), nothing to save first.
    const name = teachers.length === 1 ? `certificate-${teachers[0]!.id}-${chosen.period.id}.html` : `certificates-${chosen.period.id}.html`;
    return c.body(html, 200, { "Content-Type": "text/html; charset=utf-8", "Content-Disposition": `inline; filename="${name}"` });
  });

  app.get("/office/download", async (c) => {
    const stop = officeOnly(c);
    if (stop) return stop;
    const s = scoringOf(c);
    if (!s) return rulesBroken(c);
    const l = langOf(c);
    const report = REPORTS.find((r) => r === c.req.query("report")) as ReportName | undefined;
    const format = FORMATS.find((f) => f === c.req.query("format"));
    const chosen = pickPeriod(s.dataset, c.req.query("period"), server.opts.today());
    if (!report || !format || !chosen) return c.notFound();
    const doc = reportDoc(report, s.dataset, s.scheme, chosen.period, l, server.opts.today());
    let body: string | Uint8Array;
    if (format === "xlsx") {
      try {
        body = await (await import("../format/report-xlsx.js")).renderXlsx(doc);
      } catch {
        return c.html(String(page(frameOf(c, "xlsx"), (await import("./views/html.js")).html`<div class="card"><p>${t(l, "这台服务器的安装缺少 exceljs,不能生成 xlsx;请下载 csv", "This installation lacks exceljs and cannot write xlsx; download the csv")}</p></div>`)), 501);
      }
    } else {
      body = format === "csv" ? renderCsv(doc) : format === "html" ? renderHtml(doc) : format === "json" ? renderJson(doc) : renderMarkdown(doc, {});
    }
    const name = `${report}-${chosen.period.id}.${EXT[format]}`;
    return c.body(body as never, 200, { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${name}"` });
  });
}
