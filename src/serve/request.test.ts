import { describe, expect, it } from "vitest";
import { parseBody } from "hono/utils/body";
import { urlencodedForm } from "./request.js";

/** The form as hono's parseBody({ all: true }) reads the same bytes (what readForm used before). */
async function hono(body: string): Promise<unknown> {
  return parseBody(new Request("http://x/", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" } }), { all: true });
}

describe("urlencodedForm", () => {
  const BODIES = [
    "",
    "_csrf=abc&kind=observation&date=2026-04-15&title=%E5%90%AC%E8%AF%BE+%E7%AC%AC1%E6%AC%A1&count=1",
    "remove=evidence%2Ft01%2Fa.jpg&remove=evidence%2Ft01%2Fb.jpg&x=1",
    "list[]=a&one[]=b&list[]=c",
    "a=&=b&c&d=%ZZ&e=%&f=1%2B1=2&g=a+b%20c",
    "t=%F0%9F%98%80%E2%80%AE&t2=\u542c\u8bfe&__proto__=x&constructor=y",
    "k=1&k=2&k=3",
  ];
  for (const body of BODIES) {
    it(`reads ${JSON.stringify(body.slice(0, 40))} as parseBody does`, async () => {
      expect({ ...urlencodedForm(new TextEncoder().encode(body)) }).toEqual({ ...(await hono(body) as object) });
    });
  }

  it("pins a form by hand", () => {
    expect({ ...urlencodedForm(new TextEncoder().encode("title=%E5%90%AC%E8%AF%BE+1&remove=a&remove=b&x[]=c")) }).toEqual({ title: "听课 1", remove: ["a", "b"], "x[]": ["c"] });
  });
});
