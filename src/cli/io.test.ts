import { describe, expect, it } from "vitest";
import { useColour } from "./io.js";

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

describe("useColour, in supports-color's order", () => {
  it.each([
    [{}, tty, true],
    [{}, pipe, false],
    [{ NO_COLOR: "1" }, tty, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, pipe, true],
    [{ FORCE_COLOR: "", NO_COLOR: "1" }, pipe, true],
    [{ FORCE_COLOR: "0" }, tty, false],
    [{ FORCE_COLOR: "false" }, tty, false],
    [{ TERM: "dumb" }, tty, false],
    [{ TERM: "dumb", FORCE_COLOR: "1" }, pipe, true],
    [{ CI: "true" }, tty, false],
  ])("%j on %j: %s", (env, stdout, want) => {
    expect(useColour({ env, stdout })).toBe(want);
  });
});
