/**
 * The shape of a message catalogue, as ESLint's messageId + data: each message has an id, the
 * data it is rendered from (with an example, which docs/check.md shows), and its text in
 * Chinese and in English. Both languages sit in one entry so neither can go missing.
 */
export interface Entry<D> {
  /** Data that reads naturally in both languages: docs/check.md renders every message with it. */
  example: D;
  zh(d: D): string;
  en(d: D): string;
}

export type Entries<T> = { [K in keyof T]: Entry<T[K]> };

/** Keeps each entry's data type, inferred from its example, for msg()'s type check. */
export function defineMessages<T>(entries: Entries<T>): Entries<T> {
  return entries;
}

/** A list as each language writes one: 「a」、「b」 / 'a', 'b'. */
export const listZh = (items: readonly string[], quote = true): string => items.map((s) => (quote ? `「${s}」` : s)).join("、");
export const listEn = (items: readonly string[], quote = true): string => items.map((s) => (quote ? `'${s}'` : s)).join(", ");
