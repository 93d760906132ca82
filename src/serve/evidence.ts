/**
 * Evidence files on the web page: who may open a record's evidence, and reading one safely.
 * A record's evidence is for the people who may see the record: its owner, a leader of a
 * group the owner belongs to, the office, and whoever may review it; a session's for its
 * members, its group's leaders, the office and its reviewers. A file is served only from
 * inside evidence/, never through a symlink, and its type is judged by its first bytes.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync, constants } from "node:fs";
import { join, posix } from "node:path";
import type { Dataset } from "../model.js";
import type { ReviewEntry } from "../approval/ref.js";
import { approvalSettings, leadsGroup, leadsTeacher, mayReview, targetOf } from "../approval/policy.js";
import { EVIDENCE_DIR } from "../repo/layout.js";
import type { Viewer } from "./roles.js";
import { sniff } from "./uploads.js";

/** Larger evidence is not served through the page (a school's scans are a few MB). */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

export function maySeeEntry(dataset: Dataset, viewer: Viewer, entry: ReviewEntry, today: string): boolean {
  const me = viewer.teacher;
  if (viewer.office) return true;
  const roster = dataset.roster;
  if (entry.kind === "record" && (entry.owner === me.id || leadsTeacher(roster, me, entry.owner, today))) return true;
  if (entry.kind === "session" && (entry.activities.some((a) => a.teacher === me.id) || leadsGroup(roster, me, entry.owner, today))) return true;
  const settings = approvalSettings(dataset.config);
  return (["approve", "verify"] as const).some((action) => mayReview(roster, settings, me, targetOf(entry), action, today).ok);
}

/** A repo-relative evidence path, normalised, or undefined when it could lead outside evidence/. */
export function evidencePath(path: string): string | undefined {
  if (path.includes("\0") || path.includes("\\") || posix.isAbsolute(path)) return undefined;
  const norm = posix.normalize(path);
  if (norm !== path.replace(/^\.\//, "") || norm.split("/").includes("..") || !norm.startsWith(`${EVIDENCE_DIR}/`)) return undefined;
  return norm;
}

const TYPES = { jpg: "image/jpeg", png: "image/png", heic: "image/heic", pdf: "application/pdf" } as const;

export interface EvidenceFile {
  bytes: Buffer;
  contentType: string;
  /** Shown in the browser (a photo, a PDF) or only downloaded (anything else). */
  inline: boolean;
  name: string;
}

/**
 * The file's bytes, or undefined when it is missing, not a regular file, too large, outside
 * evidence/ or reached through a symlink (any folder on the way included).
 */
export function readEvidence(root: string, path: string): EvidenceFile | undefined {
  const rel = evidencePath(path);
  if (!rel) return undefined;
  const parts = rel.split("/");
  try {
    for (let i = 1; i <= parts.length; i++) {
      const st = lstatSync(join(root, ...parts.slice(0, i)));
      if (st.isSymbolicLink()) return undefined;
      if (i < parts.length ? !st.isDirectory() : !st.isFile()) return undefined;
    }
    // O_NOFOLLOW: a symlink swapped in after the checks above is still refused.
    const fd = openSync(join(root, ...parts), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > MAX_EVIDENCE_BYTES) return undefined;
      const bytes = Buffer.alloc(st.size);
      let got = 0;
      while (got < st.size) {
        const n = readSync(fd, bytes, got, st.size - got, got);
        if (n === 0) break;
        got += n;
      }
      const kind = sniff(bytes.subarray(0, got));
      return { bytes: bytes.subarray(0, got), contentType: kind ? TYPES[kind] : "application/octet-stream", inline: kind !== undefined, name: parts.at(-1)! };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** `Content-Disposition` with the name in ASCII and, for any other letters, RFC 5987's UTF-8 form. */
export function contentDisposition(inline: boolean, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
