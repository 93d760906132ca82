/**
 * The invitation sheet's QR codes, read back as a phone would: the sheet is opened in the
 * system Chromium, each code is drawn to a canvas and decoded by jsQR (an independent decoder).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import jsQR from "jsqr";
import QRCode from "qrcode";
import { runCli } from "../helpers/run-cli.js";
import { makeSchool, TODAY } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const URL = "https://yanxiu.school.example.cn/";

describe("the invitation sheet's QR code", () => {
  it("one QR code per card; the library's segments for the address carry the whole address", async () => {
    const root = makeSchool();
    const r = await runCli(["accounts", "invite", "t16", "--dir", root, "--url", URL], { env: { YANXIU_TODAY: TODAY } });
    expect(r.code, r.stderr).toBe(0);
    const sheet = readFileSync(join(root, ".yanxiu-serve", `invite-${TODAY}.html`), "utf8");
    expect(sheet).toContain(`<b>${URL}welcome?id=t16</b>`);
    expect(sheet.match(/<svg /g)).toHaveLength(1);
    // The address fits the symbol whole (no truncation in the library's segment split); the decode below reads the sheet itself.
    const segments = QRCode.create(`${URL}welcome?id=t16`, { errorCorrectionLevel: "M" }).segments as unknown as { data: Uint8Array | string }[];
    expect(segments.map((s) => Buffer.from(s.data as Uint8Array).toString("utf8")).join("")).toBe(`${URL}welcome?id=t16`);
  });

  it.skipIf(!existsSync(CHROMIUM))("decodes, from the rendered sheet, to each teacher's welcome address", async () => {
    const root = makeSchool();
    const r = await runCli(["accounts", "invite", "t16", "t01", "--dir", root, "--url", URL], { env: { YANXIU_TODAY: TODAY } });
    expect(r.code, r.stderr).toBe(0);
    const file = join(root, ".yanxiu-serve", `invite-${TODAY}.html`);
    const codes = [...readFileSync(file, "utf8").matchAll(/<span class="code">([^<]+)</g)].map((m) => m[1]!);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      const images = await page.evaluate(async () => Promise.all([...document.querySelectorAll(".qr svg")].map(async (svg) => {
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = 300;
        const g = canvas.getContext("2d")!;
        g.imageSmoothingEnabled = false;
        g.drawImage(img, 0, 0, 300, 300);
        return Array.from(g.getImageData(0, 0, 300, 300).data);
      })));
      const decoded = images.map((px) => jsQR(Uint8ClampedArray.from(px), 300, 300)?.data);
      expect(decoded).toEqual([`${URL}welcome?id=t16`, `${URL}welcome?id=t01`]);
      for (const code of codes) for (const d of decoded) expect(d).not.toContain(code);
    } finally {
      await browser.close();
    }
  });
});
