/** System programs some tests need (Debian's chromium and poppler-utils, installed by .ci/run); tests skip, saying so, without them. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
/** pdftotext and pdfinfo, to read a PDF's text and page size back. */
export const hasPoppler = ["pdftotext", "pdfinfo"].every((tool) => spawnSync(tool, ["-v"]).status === 0);

export function warnMissing(what: string): void {
  if (!hasChromium) console.warn(`skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  if (!hasPoppler) console.warn(`skipping ${what}: no pdftotext/pdfinfo (apt-get install -y poppler-utils)`);
}
