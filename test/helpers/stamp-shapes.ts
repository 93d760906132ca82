/** The shapes a stamp of a school must tell apart, shared by the stamp's tests (src/cache). */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { writeFiles } from "./temp-repo.js";

/**
 * Config, roster, record files in nested folders (one with a Chinese name), a session file,
 * evidence, an empty folder, a link to a record file, a dangling link and `.git`; `more` beside them.
 */
export function writeStampShapes(dir: string, more: Record<string, string> = {}): void {
  writeFiles(dir, {
    "yanxiu.yaml": "school: x\n",
    "roster.yaml": "teachers: []\n",
    "records/2024-2025-1/t1.yaml": "records: []\n",
    "records/2024-2025-1/a-b/x.yaml": "records: [4]\n", // a folder sorting between files
    "records/2024-2025-1/张老师.yaml": "records: [5]\n",
    "sessions/2024-2025-1/g1.yaml": "sessions: []\n",
    "evidence/t1/a.pdf": "pdf",
    ".git/HEAD": "ref: refs/heads/main\n",
    ...more,
  });
  mkdirSync(join(dir, "evidence", "empty"));
  symlinkSync("t1.yaml", join(dir, "records", "2024-2025-1", "link.yaml"));
  symlinkSync("nowhere.pdf", join(dir, "evidence", "dangling.pdf"));
}
