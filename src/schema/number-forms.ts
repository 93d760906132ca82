/**
 * Numbers written in a form other than plain decimal (0x10, 0o12, 012, 1e3, 1:30, 1_000). The
 * YAML reader leaves them as text (repo/yaml-source.ts); where a number is wanted they are
 * named here, with the decimal number to write instead.
 */
export interface NumberForm {
  zh: string;
  en: string;
  /** The decimal to write instead, when there is a sensible one. */
  decimal?: string;
}

const plain = (n: number): string | undefined => (Number.isFinite(n) && Math.abs(n) < 1e15 ? String(n) : undefined);

export function nonDecimalNumber(s: string): NumberForm | undefined {
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  if (/^0x[0-9a-fA-F]+$/.test(body)) return { zh: "十六进制", en: "hexadecimal", decimal: plain(sign * parseInt(body.slice(2), 16)) };
  if (/^0o[0-7]+$/.test(body)) return { zh: "八进制", en: "octal", decimal: plain(sign * parseInt(body.slice(2), 8)) };
  if (/^0b[01]+$/.test(body)) return { zh: "二进制", en: "binary", decimal: plain(sign * parseInt(body.slice(2), 2)) };
  if (/^0[0-9]+(?:\.[0-9]*)?$/.test(body)) return { zh: "以 0 开头,旧版 YAML 会当作八进制", en: "a leading zero, which older YAML reads as octal", decimal: plain(sign * Number(body)) };
  if (/^(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(body)) return { zh: "科学计数法", en: "exponent notation", decimal: plain(sign * Number(body)) };
  if (/^[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?$/.test(body)) {
    const value = body.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
    const [h, m] = body.split(":").map(Number);
    return { zh: "六十进制(时:分)", en: "base 60 (hours:minutes)", decimal: body.split(":").length === 2 ? plain(sign * (h! + m! / 60)) : plain(sign * value) };
  }
  if (/^[0-9][0-9_]*(?:\.[0-9_]*)?$/.test(body) && body.includes("_")) return { zh: "带下划线", en: "underscores", decimal: plain(sign * Number(body.replace(/_/g, ""))) };
  return undefined;
}
