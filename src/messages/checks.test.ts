import { describe, expect, it } from "vitest";
import { msg, render } from "./index.js";
import type { Msg } from "../problem.js";

/** Both languages of a message, after the trip through the result cache and --format json. */
const both = (m: Msg) => {
  const cached = JSON.parse(JSON.stringify(m)) as Msg;
  return [render(cached, "zh"), render(cached, "en")];
};

// docs/check.md shows each message with all of its data; these are the branches it does not show.
describe("the checks' messages whose data has optional parts", () => {
  it("review-lapsed: with the review's date and approver, the date only, or neither", () => {
    const status = { zh: "审定", en: "approved" };
    const draft = { zh: "录入", en: "entered" };
    expect(both(msg("review-lapsed", { status, draft, reviewed: "2025-10-20", approver: "t01" }))).toEqual([
      "这条记录在审定(2025-10-20,t01)之后被修改过,现按「录入」计,等待重新审核",
      "this record was changed after it was approved (2025-10-20, t01); it counts as 录入 (entered) until reviewed again",
    ]);
    expect(both(msg("review-lapsed", { status, draft, reviewed: "2025-10-20" }))).toEqual([
      "这条记录在审定(2025-10-20)之后被修改过,现按「录入」计,等待重新审核",
      "this record was changed after it was approved (2025-10-20); it counts as 录入 (entered) until reviewed again",
    ]);
    expect(both(msg("review-lapsed", { status: { zh: "退回", en: "rejected" }, draft }))).toEqual([
      "这条记录在退回之后被修改过,现按「录入」计,等待重新审核",
      "this record was changed after it was rejected; it counts as 录入 (entered) until reviewed again",
    ]);
  });

  it("evidence-owner: the normalised path is named only when it differs from the one written", () => {
    expect(both(msg("evidence-owner", { folder: "evidence/t10/", path: "evidence/t08/证书.pdf" }))).toEqual([
      "证明材料不在 evidence/t10/ 中:evidence/t08/证书.pdf",
      "the evidence is not in evidence/t10/: evidence/t08/证书.pdf",
    ]);
  });

  it("file-place: a session file's owner is a group, and with no term defined the folder is a placeholder", () => {
    expect(both(msg("file-place.no-term-folder", { top: "sessions", owner: "group" }))).toEqual([
      "sessions/ 下的文件应放在学期文件夹中:sessions/<学期>/<教研组编号>.yaml",
      "files in sessions/ belong at sessions/<term>/<group id>.yaml",
    ]);
    expect(both(msg("file-place.hint-term-folder", { top: "sessions" }))).toEqual([
      "移到 sessions/<学期>/ 之类的学期文件夹中",
      "move it into a term folder such as sessions/<term>/",
    ]);
  });

  it("approver-not-allowed: each reason in both languages", () => {
    const said = (reason: "own" | "own-session" | "verify" | "not-leader") =>
      both(msg("approver-not-allowed", { status: { zh: "验证", en: "verified" }, approver: { id: "t05", name: "张伟" }, reason }));
    expect(said("own")).toEqual([
      "记录标为「验证」,但 张伟(t05)无权审核它:这是审核人自己的记录",
      "the record is marked verified, but 张伟 (t05) may not review it: it is the approver's own record",
    ]);
    expect(said("own-session")[1]).toBe("the record is marked verified, but 张伟 (t05) may not review it: the approver leads or attended this session");
    expect(said("verify")[0]).toBe("记录标为「验证」,但 张伟(t05)无权审核它:审核人没有验证权限(yanxiu.yaml 的 approval.verify)");
    expect(said("not-leader")[1]).toBe("the record is marked verified, but 张伟 (t05) may not review it: the approver is neither a leader of the teacher's group nor in the office");
  });

  it("duplicate-record: titles that only look alike are shown, after the place of the first", () => {
    const said = { teacher: "t16", date: "2025-10-15", title: "教学反思", file: "records/2025-2026-1/t16.yaml", line: 4 };
    expect(both(msg("duplicate-record.alike", { ...said, prevTitle: "敎學反思" }))).toEqual([
      "重复记录:t16 在 2025-10-15 的「教学反思」已记录于 records/2025-2026-1/t16.yaml:4(两个标题只差不可见字符、全角半角、空格、大小写或繁简:「敎學反思」)",
      "duplicate: t16's '教学反思' on 2025-10-15 is already recorded at records/2025-2026-1/t16.yaml:4 (the titles differ only in invisible characters, width, spacing, case or traditional/simplified characters: '敎學反思')",
    ]);
  });

  it("date-outside-term: the terms defined, one here", () => {
    expect(both(msg("date-outside-term.hint-terms", { terms: [{ id: "2025-2026-1", start: "2025-09-01", end: "2026-01-31" }] }))).toEqual([
      "检查日期,或在 yanxiu.yaml 中定义这个学期(已有 2025-2026-1: 2025-09-01~2026-01-31)",
      "check the date, or define that term in yanxiu.yaml (defined: 2025-2026-1: 2025-09-01~2026-01-31)",
    ]);
  });
});
