/** Messages of loading a repository as a whole (src/pipeline). */
import { defineMessages } from "./catalogue.js";

const mb = (bytes: number) => bytes / 1048576;

export const generalMessages = defineMessages({
  "path-outside-repo.folder": {
    example: {},
    zh: () => "这个文件夹是指向仓库外的符号链接,其中的文件不会被读取",
    en: () => "this folder is a symbolic link that points outside the repository; its files are not read",
  },
  "path-outside-repo.folder-hint": {
    example: {},
    zh: () => "把文件本身放进仓库",
    en: () => "put the files themselves in the repository",
  },
  "path-outside-repo": {
    example: {},
    zh: () => "这个文件是指向仓库外的符号链接",
    en: () => "this file is a symbolic link that points outside the repository",
  },
  "path-outside-repo.hint": {
    example: {},
    zh: () => "把文件本身放进仓库",
    en: () => "put the file itself in the repository",
  },
  "path-outside-repo.rules": {
    example: { file: "../shared/xintian.yaml" },
    zh: (d) => `规则文件 ${d.file} 在仓库之外:CI 和 yanxiu audit 看不到它,换一台电脑算出的学时可能不同`,
    en: (d) => `the rule file ${d.file} is outside the repository: CI and yanxiu audit cannot see it, and another computer could compute other hours`,
  },
  "path-outside-repo.rules-hint": {
    example: {},
    zh: () => "把规则文件复制进仓库(例如 rules/ 文件夹),在 rules: 里写它在仓库里的路径",
    en: () => "copy the rule file into the repository (e.g. the rules/ folder) and list its path in the repository under rules:",
  },
  "file-unreadable.folder": {
    example: {},
    zh: () => "这是文件夹,不是文件",
    en: () => "this is a folder, not a file",
  },
  "file-unreadable.special": {
    example: {},
    zh: () => "这不是普通文件(是管道、设备或套接字),不会被读取",
    en: () => "this is not a regular file (a pipe, device or socket); it is not read",
  },
  "file-unreadable.hint-plain": {
    example: {},
    zh: () => "记录文件必须是普通的 YAML 文件;删除它或换成真正的文件",
    en: () => "record files must be plain YAML files: delete it or replace it with a real file",
  },
  "file-unreadable": {
    example: { code: "EACCES" },
    zh: (d) => `无法读取文件:${d.code}`,
    en: (d) => `cannot read the file: ${d.code}`,
  },
  "file-unreadable.hint": {
    example: {},
    zh: () => "检查文件是否存在以及读取权限",
    en: () => "check that the file exists and can be read",
  },
  "file-too-large": {
    example: { bytes: 6291456, limit: 5242880 },
    zh: (d) => `文件太大(${mb(d.bytes).toFixed(1)} MB,上限 ${mb(d.limit)} MB)`,
    en: (d) => `the file is too large (${mb(d.bytes).toFixed(1)} MB; the limit is ${mb(d.limit)} MB)`,
  },
  "file-too-large.hint": {
    example: {},
    zh: () => "记录按教师和学期分文件保存,一个文件不会这么大;检查是否放错了文件",
    en: () => "records are kept one file per teacher per term and never get this large: check this is the right file",
  },
});
