/**
 * A value made of plain objects, arrays, strings, numbers, booleans, null and undefined, as a
 * smaller value to keep in JSON, and back exactly (key order, undefined and -0 included).
 * score's incremental entry keeps every teacher's outcome with its trace (src/cli/score-incremental.ts):
 * at 100,000 records 18 MB of JSON whose keys and strings repeat; compacted, 5 MB, and read back
 * in a third of the time (JSON.parse of mostly numbers, no UTF-8 decoding of repeated Chinese titles).
 *
 * The compact value is numbers and strings in arrays:
 * - a string: its index in `strings` (a number ≥ 0);
 * - a number: its text (`String(n)`, "-0" for -0), a string; undefined: "u";
 * - true, false, null: themselves;
 * - an array: [-1, ...its elements]; an object: [shape, ...its values], the shape (≥ 0) an index
 *   in `shapes`, the object's keys in order.
 */
export interface Compact {
  shapes: string[][];
  strings: string[];
  value: unknown;
}

export function compactValue(value: unknown): Compact {
  const { encode, shapes, strings } = encoder({ shapes: [], strings: [] });
  return { value: encode(value), shapes, strings };
}

/**
 * A list compacted again after a few of its items changed: each item `kept` gives (a compacted
 * item of `last`, with its shapes and strings) is taken as it is, the others compacted anew
 * beside it. `last`'s shapes and strings stay (some may no longer be used until a whole run).
 */
export function compactListAgain(items: readonly unknown[], last: Compact, kept: (index: number) => unknown | undefined): Compact {
  const { encode, shapes, strings } = encoder(last);
  const value: unknown[] = new Array(items.length + 1);
  value[0] = -1;
  for (let i = 0; i < items.length; i++) value[i + 1] = kept(i) ?? encode(items[i]);
  return { value, shapes, strings };
}

/** The compacted items of a compacted list (as `kept` takes them back), or undefined when it is none. */
export function compactItems(c: Compact): readonly unknown[] | undefined {
  return Array.isArray(c.value) && c.value[0] === -1 ? c.value.slice(1) : undefined;
}

function encoder(seed: Pick<Compact, "shapes" | "strings">): { encode: (x: unknown) => unknown; shapes: string[][]; strings: string[] } {
  const shapes = [...seed.shapes];
  const strings = [...seed.strings];
  const shapeIds = new Map<string, number>(shapes.map((keys, i) => [keys.join("\0"), i]));
  const stringIds = new Map<string, number>(strings.map((x, i) => [x, i]));
  const encode = (x: unknown): unknown => {
    switch (typeof x) {
      case "string": {
        let id = stringIds.get(x);
        if (id === undefined) {
          id = strings.length;
          stringIds.set(x, id);
          strings.push(x);
        }
        return id;
      }
      case "number":
        return Object.is(x, -0) ? "-0" : String(x);
      case "boolean":
        return x;
      case "undefined":
        return "u";
      case "object": {
        if (x === null) return null;
        if (Array.isArray(x)) {
          const out: unknown[] = new Array(x.length + 1);
          out[0] = -1;
          for (let i = 0; i < x.length; i++) out[i + 1] = encode(x[i]);
          return out;
        }
        const proto = Object.getPrototypeOf(x);
        if (proto !== Object.prototype && proto !== null) throw new Error(`not a plain object: ${String(proto?.constructor?.name)}`);
        const keys = Object.keys(x);
        const name = keys.join("\0");
        let shape = shapeIds.get(name);
        if (shape === undefined) {
          shape = shapes.length;
          shapeIds.set(name, shape);
          shapes.push(keys);
        }
        const out: unknown[] = new Array(keys.length + 1);
        out[0] = shape;
        for (let i = 0; i < keys.length; i++) out[i + 1] = encode((x as Record<string, unknown>)[keys[i]!]);
        return out;
      }
      default:
        throw new Error(`cannot keep a ${typeof x}`);
    }
  };
  return { encode, shapes, strings };
}

/** The value back; throws on anything `compactValue` does not make (a corrupt entry is then no entry). */
export function expandValue(c: Compact): unknown {
  const { shapes, strings } = c;
  if (!Array.isArray(shapes) || !Array.isArray(strings)) throw new Error("not a compact value");
  const decode = (x: unknown): unknown => {
    if (typeof x === "number") {
      const s = strings[x];
      if (typeof s !== "string") throw new Error("no such string");
      return s;
    }
    if (typeof x === "string") {
      if (x === "u") return undefined;
      const n = Number(x);
      if (Number.isNaN(n) && x !== "NaN") throw new Error("not a number");
      return n;
    }
    if (x === null || typeof x === "boolean") return x;
    if (!Array.isArray(x)) throw new Error("not a compact value");
    const head = x[0];
    if (head === -1) {
      const out: unknown[] = new Array(x.length - 1);
      for (let i = 1; i < x.length; i++) out[i - 1] = decode(x[i]);
      return out;
    }
    const keys = typeof head === "number" ? shapes[head] : undefined;
    if (!Array.isArray(keys) || keys.length !== x.length - 1) throw new Error("no such shape");
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = decode(x[i + 1]);
    return out;
  };
  return decode(c.value);
}
