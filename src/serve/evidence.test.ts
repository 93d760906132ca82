import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentDisposition, evidencePath, readEvidence } from "./evidence.js";

describe("evidence paths", () => {
  it("only normalised paths inside evidence/", () => {
    expect(evidencePath("evidence/t01/a.jpg")).toBe("evidence/t01/a.jpg");
    expect(evidencePath("./evidence/t01/a.jpg")).toBe("evidence/t01/a.jpg");
    for (const bad of ["evidence/t01/../../roster.yaml", "evidence/../yanxiu.yaml", "/etc/passwd", "evidence\\t01\\a.jpg", "records/t01.yaml", "evidence/t01/a.jpg\0.png", "evidence/t01//a.jpg", "evidence"]) {
      expect(evidencePath(bad), bad).toBeUndefined();
    }
  });
});

describe("reading an evidence file", () => {
  const root = mkdtempSync(join(tmpdir(), "yanxiu-evidence-"));
  mkdirSync(join(root, "evidence/t01"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside/secret.pdf"), "%PDF-1.4 secret");
  writeFileSync(join(root, "evidence/t01/plan.pdf"), "%PDF-1.4 plan");
  writeFileSync(join(root, "evidence/t01/notes.html"), "<script>alert(1)</script>");
  symlinkSync(join(root, "outside/secret.pdf"), join(root, "evidence/t01/link.pdf"));
  symlinkSync(join(root, "outside"), join(root, "evidence/t02"));
  mkdirSync(join(root, "evidence/t01/folder.pdf"));

  it("a PDF by its bytes, shown inline; HTML only as a download of bytes", () => {
    expect(readEvidence(root, "evidence/t01/plan.pdf")).toMatchObject({ contentType: "application/pdf", inline: true, name: "plan.pdf" });
    expect(readEvidence(root, "evidence/t01/plan.pdf")!.bytes.toString()).toBe("%PDF-1.4 plan");
    expect(readEvidence(root, "evidence/t01/notes.html")).toMatchObject({ contentType: "application/octet-stream", inline: false });
  });

  it("refuses a symlinked file, a symlinked folder, a folder, a missing file and a way out", () => {
    expect(readEvidence(root, "evidence/t01/link.pdf")).toBeUndefined();
    expect(readEvidence(root, "evidence/t02/secret.pdf")).toBeUndefined();
    expect(readEvidence(root, "evidence/t01/folder.pdf")).toBeUndefined();
    expect(readEvidence(root, "evidence/t01/none.pdf")).toBeUndefined();
    expect(readEvidence(root, "evidence/t01/../../outside/secret.pdf")).toBeUndefined();
  });

  it("Content-Disposition: an ASCII name with quotes and other letters replaced, and the UTF-8 name", () => {
    expect(contentDisposition(false, '证书"x".pdf')).toBe(`attachment; filename="___x_.pdf"; filename*=UTF-8''%E8%AF%81%E4%B9%A6%22x%22.pdf`);
  });
});
