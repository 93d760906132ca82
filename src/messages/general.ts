/** Messages of loading a repository as a whole (src/pipeline). */
import { defineMessages } from "./catalogue.js";

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
});
