/**
 * string-width's display width, quick for the text of score's tables: a string of printable ASCII
 * and the common CJK ranges (ideographs, CJK punctuation, full-width forms) is measured by adding
 * its characters' widths (1 and 2; none of them joins a neighbour into one grapheme); anything
 * else goes to string-width itself. string-width segments every string into graphemes: measuring
 * each cell of a 2,000-teacher table again while wrapping it took ~3 s of a text score.
 * Test (display-width.test.ts): equal to string-width on every character of those ranges and on
 * mixed strings.
 */
import stringWidth from "string-width";

/** Printable ASCII, CJK symbols and punctuation (not the combining tone marks U+302A–302F), ideographs, full-width forms. */
const SIMPLE = /^[\x20-\x7e\u3000-\u3029\u3030-\u303e\u4e00-\u9fff\uff01-\uff60]*$/;

export function displayWidth(text: string): number {
  if (!SIMPLE.test(text)) return stringWidth(text);
  let width = 0;
  for (let i = 0; i < text.length; i++) width += text.charCodeAt(i) < 0x7f ? 1 : 2;
  return width;
}
