import { describe, expect, it } from "vitest";
import type { Activity, Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { certifiesPending } from "./certificates.js";

const dataset = (statuses: (string | undefined)[]) => ({ activities: statuses.map((status) => ({ status }) as Activity) }) as Dataset;
const scheme = (approvedOnly: boolean) => ({ meta: { approvedOnly } }) as Scheme;

describe("certifiesPending", () => {
  it("marks unreviewed records once the school reviews (a record approved or returned), or when only approved ones count", () => {
    expect(certifiesPending(dataset([undefined, "approved"]), scheme(false))).toBe(true);
    expect(certifiesPending(dataset([undefined, "rejected"]), scheme(false))).toBe(true);
    expect(certifiesPending(dataset([undefined]), scheme(true))).toBe(true);
  });

  it("marks nothing in a school that reviews nothing: every line would say 待审核", () => {
    expect(certifiesPending(dataset([undefined, "draft"]), scheme(false))).toBe(false);
  });
});
