/**
 * The web page's write-ahead note: before a batch's files are renamed into place, what each save
 * is about to put there (its author, its commit's subject, and for each file the SHA-256 of the
 * new bytes and of the bytes it replaces) is written to .yanxiu-serve/journal.json and flushed;
 * once the batch is committed and git's index brought in step, the note is emptied. A server
 * killed in between (a power cut, `kill -9` of its process group, the OOM killer) leaves the note,
 * and the next start finishes the batch from it (src/serve/recover.ts): without it, files placed
 * but not committed went into a later commit under another person's name, and a commit whose
 * index was not yet updated was undone by the office's next hand-made `git commit`. Hashes only,
 * never the bytes: the files themselves are on disk, and a photo would otherwise be written twice.
 */
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { closeSync, fsyncSync, openSync, readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import type { Person } from "../git/batch-commit.js";
import { ensureServeDir, serveDir } from "./accounts.js";

export const JOURNAL_FILE = "journal.json";

export interface JournalFile {
  path: string;
  /** SHA-256 (hex) of the bytes the save puts there. */
  sha256: string;
  /** SHA-256 of the bytes it replaces; null when the file is new. */
  before: string | null;
}

export interface JournalSave {
  author: Person;
  subject: string;
  files: JournalFile[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function journalPath(root: string): string {
  return join(serveDir(root), JOURNAL_FILE);
}

/** Pure: the note's text. */
export function journalText(saves: readonly JournalSave[]): string {
  return JSON.stringify({ version: 1, saves }) + "\n";
}

const HEX = /^[0-9a-f]{64}$/;

/** Pure: the saves of a note, [] for an empty one, undefined when it is not one this server wrote whole. */
export function parseJournal(text: string): JournalSave[] | undefined {
  if (text.trim() === "") return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const saves = (data as { version?: unknown; saves?: unknown })?.saves;
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(saves)) return undefined;
  const person = (p: unknown): p is Person => typeof (p as Person)?.name === "string" && typeof (p as Person)?.email === "string";
  const file = (f: unknown): f is JournalFile => {
    const j = f as JournalFile;
    return typeof j?.path === "string" && j.path !== "" && !j.path.includes("\n") && HEX.test(j.sha256) && (j.before === null || HEX.test(String(j.before)));
  };
  const ok = saves.every((s: JournalSave) => person(s?.author) && typeof s.subject === "string" && Array.isArray(s.files) && s.files.length > 0 && s.files.every(file));
  return ok ? (saves as JournalSave[]) : undefined;
}

/**
 * The note of one server: its file is made (and its folder flushed) once, at start, so that each
 * batch only overwrites and flushes it (one flush, on the thread pool, beside the batch's own);
 * emptied without a flush, since a note left over after a power cut only names commits that are
 * there already, which the next start sees and leaves.
 */
export class Journal {
  private readonly path: string;

  constructor(root: string) {
    this.path = journalPath(root);
    const dir = ensureServeDir(root);
    const fd = openSync(this.path, "a");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const d = openSync(dir, "r");
    try {
      fsyncSync(d);
    } catch {
      // Some file systems cannot flush a folder; the file is then as durable as they make it.
    } finally {
      closeSync(d);
    }
  }

  /** The note written whole and flushed; rejects when it cannot be (the batch is then given up). */
  async write(saves: readonly JournalSave[]): Promise<void> {
    let fh: FileHandle | undefined;
    try {
      // The file exists (made at start): opening it emptied changes no folder, so no folder flush.
      fh = await open(this.path, "w");
      const bytes = Buffer.from(journalText(saves), "utf8");
      await fh.write(bytes, 0, bytes.length, 0);
      await fh.datasync();
    } finally {
      await fh?.close();
    }
  }

  /** The batch is committed (or put back): nothing left to finish. */
  clear(): void {
    try {
      truncateSync(this.path, 0);
    } catch {
      // Left as it is, it names commits that are there already: the next start checks and empties it.
    }
  }

  /** What the note holds now (tests). */
  read(): string {
    return readFileSync(this.path, "utf8");
  }
}
