/** Reading a request: the client's address, whether it came over HTTPS, the form fields. */
import type { Ctx } from "./context.js";

export function clientAddress(c: Ctx, trustProxy: boolean, socketAddress: string | undefined): string {
  if (trustProxy) {
    // nginx's $proxy_add_x_forwarded_for appends the address it saw: the last entry is the one to trust.
    const xff = c.req.header("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
    if (xff?.length) return xff.at(-1)!;
    const real = c.req.header("x-real-ip");
    if (real) return real.trim();
  }
  return socketAddress ?? "local";
}

export function isSecure(c: Ctx, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https") return true;
  return new URL(c.req.url).protocol === "https:";
}

/** The host the browser used, for the same-origin check of form posts. */
export function expectedHost(c: Ctx, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  return c.req.header("host") ?? new URL(c.req.url).host;
}

export type Form = Record<string, string | File | (string | File)[]>;

export async function readForm(c: Ctx): Promise<Form> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(type)) return urlencodedForm(new Uint8Array(await c.req.arrayBuffer()));
  if (!/^multipart\/form-data/i.test(type)) return {};
  return (await c.req.parseBody({ all: true })) as Form;
}

/**
 * A urlencoded form as `parseBody({ all: true })` gives it (a name sent twice, or ending in [],
 * holds a list), parsed as the Fetch standard parses it (URLSearchParams over UTF-8) without
 * building a web Response for it on every post.
 */
export function urlencodedForm(body: Uint8Array): Form {
  const form: Form = Object.create(null) as Form;
  for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body))) {
    const had = form[key];
    if (had !== undefined) {
      if (Array.isArray(had)) had.push(value);
      else form[key] = [had, value];
    } else form[key] = key.endsWith("[]") ? [value] : value;
  }
  return form;
}

export function field(form: Form, name: string): string {
  const v = form[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === "string" ? one : "";
}

export function files(form: Form, name: string): File[] {
  const v = form[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is File => typeof x !== "string" && x.size > 0);
}

export function fields(form: Form, name: string): string[] {
  const v = form[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string");
}
