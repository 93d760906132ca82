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
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

/** A note: the saves of one batch, the branch's commit when it was written, and the commit it made once made. */
export interface Note {
  /** The branch's commit when the note was written (undefined: not known, or no commit yet). */
  head?: string;
  /** The batch's last commit, once made (before the branch is moved to it). */
  tip?: string;
  /** The batch's last commit, once the branch holds it. */
  committed?: string;
  saves: JournalSave[];
}

/** Pure: the note's text. */
export function journalText(note: Note): string {
  return JSON.stringify({ version: 1, ...note }) + "\n";
}

const HEX = /^[0-9a-f]{64}$/;
const OBJECT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Pure: a path the server could have written: repo-relative, "/"-separated, every part a plain
 * name (no "", ".", "..", nothing starting with "." — .git, .yanxiu-serve —, no backslash, no
 * node_modules). A forged note naming anything else is not taken (it would commit it).
 */
export function plainDataPath(path: string): boolean {
  if (path === "" || path.includes("\\") || path.includes("\n") || path.includes("\0")) return false;
  return path.split("/").every((part) => part !== "" && !part.startsWith(".") && part.toLowerCase() !== "node_modules");
}

/** Pure: a note's content; an empty note is one with no saves; undefined when it is not one this server wrote whole. */
export function parseJournal(text: string): Note | undefined {
  if (text.trim() === "") return { saves: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const { version, saves, head, tip, committed } = data as { version?: unknown; saves?: unknown; head?: unknown; tip?: unknown; committed?: unknown };
  if (version !== 1 || !Array.isArray(saves)) return undefined;
  if ([head, tip, committed].some((id) => id !== undefined && !OBJECT.test(String(id)))) return undefined;
  const person = (p: unknown): p is Person => typeof (p as Person)?.name === "string" && typeof (p as Person)?.email === "string";
  const file = (f: unknown): f is JournalFile => {
    const j = f as JournalFile;
    return typeof j?.path === "string" && plainDataPath(j.path) && HEX.test(j.sha256) && (j.before === null || HEX.test(String(j.before)));
  };
  const ok = saves.every((s: JournalSave) => person(s?.author) && typeof s.subject === "string" && Array.isArray(s.files) && s.files.length > 0 && s.files.every(file));
  if (!ok) return undefined;
  return {
    saves: saves as JournalSave[],
    ...(head !== undefined ? { head: String(head) } : {}),
    ...(tip !== undefined ? { tip: String(tip) } : {}),
    ...(committed !== undefined ? { committed: String(committed) } : {}),
  };
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
    try {
      const d = openSync(dir, "r");
      try {
        fsyncSync(d);
      } finally {
        closeSync(d);
      }
    } catch {
      // Some systems cannot open or flush a folder (Windows); the file is then as durable as they make it.
    }
  }

  private text = "";
  private note: Note | undefined;

  /** The note written whole and flushed; rejects when it cannot be (the batch is then given up). */
  async write(saves: readonly JournalSave[], head: string | undefined): Promise<void> {
    this.note = { ...(head ? { head } : {}), saves: [...saves] };
    this.text = journalText(this.note);
    let fh: FileHandle | undefined;
    try {
      // The file exists (made at start): opening it emptied changes no folder, so no folder flush.
      fh = await open(this.path, "w");
      await fh.writeFile(this.text, "utf8");
      await fh.datasync();
    } finally {
      await fh?.close();
    }
  }

  /**
   * The branch holds the batch: said in the note (not flushed: a process killed later leaves it
   * in the page cache, and a power cut that loses it leaves a note the next start checks against
   * HEAD). A start then never commits these saves again, even if the branch was rewound since.
   */
  markCommitted(tip: string): void {
    this.mark({ committed: tip });
  }

  /**
   * The batch's last commit exists and the branch is about to be moved to it: a start that finds
   * the branch's log ever held it knows the batch was committed, even if it was rewound since.
   */
  markImported(tip: string): void {
    this.mark({ tip });
  }

  private mark(what: Pick<Note, "tip" | "committed">): void {
    if (!this.note) return;
    this.note = { ...this.note, ...what };
    try {
      // Over the old text without emptying the file first (the new one is longer): a kill in
      // between leaves the old, unmarked note, never an empty one.
      writeFileSync(this.path, journalText(this.note), { flag: "r+" });
    } catch {
      // The unmarked note is checked against HEAD at the next start.
    }
  }

  /** The batch is committed with git's index in step (or put back): nothing left to finish. */
  clear(): void {
    this.note = undefined;
    try {
      truncateSync(this.path, 0);
    } catch {
      // Left as it is, it names commits that are there already: the next start checks and empties it.
    }
  }

  /**
   * The batch ended with something for the next start to finish (git's index left as it was):
   * the note is kept under another name, which the next batch does not overwrite.
   */
  setAside(): void {
    this.note = undefined;
    try {
      setNoteAside(this.path);
    } catch {
      // Kept where it is: the next batch's note replaces it.
    }
  }

  /** What the note holds now (tests). */
  read(): string {
    return readFileSync(this.path, "utf8");
  }
}

/** Notes set aside for the next start: journal.pending-<time>.json. */
export const ASIDE_PREFIX = "journal.pending-";

/** The note at `path` kept for the next start under another name, and an empty one in its place. */
export function setNoteAside(path: string): void {
  renameSync(path, join(dirname(path), `${ASIDE_PREFIX}${Date.now()}.json`));
  closeSync(openSync(path, "a"));
}
