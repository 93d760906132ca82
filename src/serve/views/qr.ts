/**
 * A QR code as inline SVG, for the invitation sheet: teachers scan the page's address with
 * WeChat instead of typing it. Made by the `qrcode` package (why that one: docs/serve.md);
 * medium error correction, so a creased or smudged print still scans.
 */
import { trusted, type Html } from "./html.js";

/** What qrcode's SVG renderer writes: one svg element holding only paths. */
const SVG_SHAPE = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" shape-rendering="crispEdges">(<path (fill|stroke)="#[0-9a-f]{6}" d="[MHVhvmz0-9. ]+"\/>)+<\/svg>\n?$/;

/**
 * The code's SVG, or undefined when qrcode is not installed (an optional dependency, as the
 * CI files install yanxiu with --omit=optional; the sheet then shows the address alone).
 */
export async function qrSvg(text: string): Promise<Html | undefined> {
  let QRCode: typeof import("qrcode");
  try {
    QRCode = (await import("qrcode")).default;
  } catch {
    return undefined;
  }
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  // Markup from a library goes into our page only in the shape we know (no text, no script).
  if (!SVG_SHAPE.test(svg)) throw new Error("qrcode made an SVG of an unexpected shape");
  return trusted(svg.trim());
}
