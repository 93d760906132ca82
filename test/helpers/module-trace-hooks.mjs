// The loader hook registered by module-trace.mjs (it runs on the loader's own thread).
import { appendFileSync } from "node:fs";

export async function load(url, context, next) {
  appendFileSync(process.env.YANXIU_MODULE_TRACE, `${url}\n`);
  return next(url, context);
}
