/** Hints of term-folder and file-place about moving a record or session file (src/checks/file-moves.ts). */
import { defineMessages, listEn, listZh } from "./catalogue.js";

export const moveMessages = defineMessages({
  "file-move.hint-move": {
    example: { to: "records/2025-2026-2/t01.yaml" },
    zh: (d) => `把文件移到 ${d.to}`,
    en: (d) => `move the file to ${d.to}`,
  },
  "file-move.hint-target-exists": {
    example: { to: "records/2025-2026-2/t01.yaml" },
    zh: (d) => `${d.to} 已经存在,不能整个移过去:把这一条剪切到那个文件的列表里(本文件空了就删掉)`,
    en: (d) => `${d.to} already exists, so the file cannot be moved there: cut this entry into that file's list (delete this file once it is empty)`,
  },
  "file-move.hint-merge": {
    example: { to: "records/2025-2026-2/t01.yaml" },
    zh: (d) => `${d.to} 已经存在:把本文件的条目剪切到那个文件的列表里,然后删掉本文件`,
    en: (d) => `${d.to} already exists: cut this file's entries into that file's list, then delete this file`,
  },
  "file-move.hint-several-terms": {
    example: { to: "records/2025-2026-2/t01.yaml", terms: ["2025-2026-1", "2025-2026-2"] },
    zh: (d) => `本文件的条目分属几个学期(${listZh(d.terms, false)}):把这一条剪切到 ${d.to}(没有就新建)`,
    en: (d) => `this file's entries belong to several terms (${listEn(d.terms, false)}): cut this entry into ${d.to} (create it if missing)`,
  },
  "file-move.hint-split": {
    example: { folder: "records", id: "t01", terms: ["2025-2026-1", "2025-2026-2"] },
    zh: (d) => `本文件的条目分属几个学期(${listZh(d.terms, false)}):按日期把每一条剪切到 ${d.folder}/<学期>/${d.id}.yaml`,
    en: (d) => `this file's entries belong to several terms (${listEn(d.terms, false)}): cut each entry, by its date, into ${d.folder}/<term>/${d.id}.yaml`,
  },
  "file-move.hint-shared-target": {
    example: { to: "records/2025-2026-2/t01.yaml", others: ["records/t01.yaml"] },
    zh: (d) => `${listZh(d.others, false)} 也应放在 ${d.to}:把这几个文件的条目合进一个文件`,
    en: (d) => `${listEn(d.others, false)} also belong${d.others.length === 1 ? "s" : ""} at ${d.to}: put these files' entries into one file`,
  },
  "file-move.hint-closed": {
    example: { term: "2025-2026-1" },
    zh: (d) => `学期 ${d.term} 已关闭,学时已经定稿,文件不能移入或移出它的文件夹:请教务处决定`,
    en: (d) => `term ${d.term} is closed and its hours are final, so no file moves into or out of its folder: ask the office`,
  },
});
