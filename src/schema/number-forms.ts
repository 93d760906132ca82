/**
 * Numbers written in a form other than plain decimal (0x10, 0o12, 012, 1e3, 1:30, 1_000). The
 * YAML reader leaves them as text (repo/yaml-source.ts); where a number is wanted they are
 * named here, with the decimal number to write instead.
 */
import type { NumberFormName } from "../messages/schema.js";

export interface NumberForm {
  /** Which form, named in both languages by the message catalogue. */
  form: NumberFormName;
  /** The decimal to write instead, when there is a sensible one. */
  decimal?: string;
}

const plain = (n: number): string | undefined => (Number.isFinite(n) && Math.abs(n) < 1e15 ? String(n) : undefined);

export function nonDecimalNumber(s: string): NumberForm | undefined {
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  if (/^0x[0-9a-fA-F]+$/.test(body)) return { form: "hex", decimal: plain(sign * parseInt(body.slice(2), 16)) };
  if (/^0o[0-7]+$/.test(body)) return { form: "octal", decimal: plain(sign * parseInt(body.slice(2), 8)) };
  if (/^0b[01]+$/.test(body)) return { form: "binary", decimal: plain(sign * parseInt(body.slice(2), 2)) };
  if (/^0[0-9]+(?:\.[0-9]*)?$/.test(body)) return { form: "leading-zero", decimal: plain(sign * Number(body)) };
  if (/^(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(body)) return { form: "exponent", decimal: plain(sign * Number(body)) };
  if (/^[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?$/.test(body)) {
    const value = body.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
    const [h, m] = body.split(":").map(Number);
    return { form: "base60", decimal: body.split(":").length === 2 ? plain(sign * (h! + m! / 60)) : plain(sign * value) };
  }
  if (/^[0-9][0-9_]*(?:\.[0-9_]*)?$/.test(body) && body.includes("_")) return { form: "underscores", decimal: plain(sign * Number(body.replace(/_/g, ""))) };
  return undefined;
}
