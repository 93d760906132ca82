/**
 * Evidence uploads: a photo (JPEG, PNG, HEIC) or a PDF, judged by its first bytes rather than
 * by what the browser claims, within a size limit, saved under evidence/<teacher>/ with a name
 * we make (date + a tidy form of the original name). A name that carries a path is refused.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { t, type Lang } from "../i18n.js";
import { EVIDENCE_DIR } from "../repo/layout.js";

export type UploadKind = "jpg" | "png" | "heic" | "pdf";

export function sniff(bytes: Uint8Array): UploadKind | undefined {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpg";
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "png";
  if (b.length >= 5 && String.fromCharCode(...b.slice(0, 5)) === "%PDF-") return "pdf";
  if (b.length >= 12 && String.fromCharCode(...b.slice(4, 8)) === "ftyp" && /^(heic|heix|mif1|hevc)$/.test(String.fromCharCode(...b.slice(8, 12)))) return "heic";
  return undefined;
}

/** The stem of the name, kept to letters (any script), digits, '-' and '_'. */
export function tidyStem(name: string): string {
  const stem = name.replace(/\.[^.]*$/, "").normalize("NFKC");
  return stem.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "file";
}

export interface PlannedUpload {
  path: string;
  bytes: Uint8Array;
}

/** The files of a posted form as name and bytes, for planUploads. */
export function uploadsOf(files: readonly File[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export function planUploads(root: string, teacher: string, date: string, uploads: { name: string; bytes: Uint8Array }[], maxBytes: number, lang: Lang): { ok: true; files: PlannedUpload[] } | { ok: false; error: string } {
  const out: PlannedUpload[] = [];
  const taken = new Set<string>();
  for (const u of uploads) {
    if (/[\\/]/.test(u.name) || u.name.includes("..") || u.name.includes("\0")) {
      return { ok: false, error: t(lang, `文件名「${u.name}」带有路径,拒绝上传`, `the file name '${u.name}' carries a path and is refused`) };
    }
    if (u.bytes.length > maxBytes) {
      return { ok: false, error: t(lang, `「${u.name}」太大(${(u.bytes.length / 1048576).toFixed(1)} MB),每个文件不超过 ${Math.round(maxBytes / 1048576)} MB`, `'${u.name}' is too large (${(u.bytes.length / 1048576).toFixed(1)} MB); at most ${Math.round(maxBytes / 1048576)} MB per file`) };
    }
    const kind = sniff(u.bytes);
    if (!kind) return { ok: false, error: t(lang, `「${u.name}」不是照片(JPEG/PNG/HEIC)或 PDF`, `'${u.name}' is not a photo (JPEG/PNG/HEIC) or a PDF`) };
    const base = `${EVIDENCE_DIR}/${teacher}/${date}-${tidyStem(u.name)}`;
    let path = `${base}.${kind}`;
    for (let i = 2; existsSync(join(root, path)) || taken.has(path); i++) path = `${base}-${i}.${kind}`;
    taken.add(path);
    out.push({ path, bytes: u.bytes });
  }
  return { ok: true, files: out };
}
