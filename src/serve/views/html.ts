/**
 * HTML templates: hono/html's tagged template, which escapes every interpolated value unless
 * it is itself a template (or marked raw: only our own SVG renderer's output). Views are pure
 * functions from data to Html; our templates never hold promises, so the result is synchronous.
 */
import { html as honoHtml, raw as honoRaw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString;

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}

/** Only for markup we produced and escaped ourselves (src/format/svg-bars.ts). */
export function trusted(markup: string): Html {
  return honoRaw(markup) as Html;
}

export function join(parts: Html[], sep = ""): Html {
  return trusted(parts.map(String).join(sep));
}
