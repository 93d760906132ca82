/**
 * GET /evidence/<ref>/<n>: the n-th evidence file of a record or session, for the people who
 * may see that record (src/serve/evidence.ts), with its type from its first bytes, a
 * Content-Disposition and nosniff. Only the owner's own evidence folder is served from.
 */
import type { Hono } from "hono";
import { t } from "../i18n.js";
import { reviewEntries, type ReviewEntry } from "../approval/ref.js";
import { EVIDENCE_DIR } from "../repo/layout.js";
import type { Server, Vars } from "./context.js";
import { forbidden, frameOf, langOf } from "./app.js";
import { contentDisposition, maySeeEntry, readEvidence } from "./evidence.js";
import { needLogin } from "./routes-me.js";
import { errorPage } from "./views/layout.js";

/** The folder a record's (or session's) evidence must lie in, as check requires. */
function ownFolder(entry: ReviewEntry): string {
  return entry.kind === "record" ? `${EVIDENCE_DIR}/${entry.owner}/` : `${EVIDENCE_DIR}/groups/${entry.owner}/`;
}

export function registerEvidence(app: Hono<{ Variables: Vars }>, server: Server): void {
  app.get("/evidence/:ref/:n", (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const l = langOf(c);
    const dataset = c.get("dataset");
    const entry = dataset ? reviewEntries(dataset.activities).find((e) => e.ref === c.req.param("ref")) : undefined;
    if (!dataset || !entry || !maySeeEntry(dataset, c.get("viewer")!, entry, server.opts.today())) {
      return forbidden(c, t(l, "你不能查看这份证明材料", "You may not see this evidence"));
    }
    const n = Number(c.req.param("n"));
    const path = Number.isInteger(n) && n >= 0 ? entry.activities[0]!.evidence[n] : undefined;
    const file = path?.startsWith(ownFolder(entry)) ? readEvidence(server.opts.root, path) : undefined;
    if (!file) {
      return c.html(String(errorPage(frameOf(c, t(l, "找不到", "Not found")), t(l, "找不到这份证明材料", "No such evidence file"),
        t(l, "文件可能已被移走,或不在 evidence/ 文件夹中。", "The file may have been moved, or is not inside the evidence/ folder."))), 404);
    }
    return c.body(new Uint8Array(file.bytes), 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.inline, file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });
}
