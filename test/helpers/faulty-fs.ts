/**
 * A real file system (node:fs) with one step made to fail: every call is counted, and the
 * chosen call throws the chosen errno (or writes fewer bytes), so a test can fail each step
 * of a write in turn and check what is left on disk.
 */
import { nodeFs, type WriteFs } from "../../src/repo/fs.js";

export type Op = keyof WriteFs;

export interface Call {
  op: Op;
  path?: string;
}

export interface Fault {
  /** Fail the n-th call (0-based, counted over all operations), or every call matching `when`. */
  at?: number;
  when?: (call: Call, index: number) => boolean;
  code?: string;
}

export function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** node:fs, recording calls; `fault` makes matching calls throw. `paths` maps fds to the path opened. */
export function faultyFs(fault: Fault = {}, overrides: Partial<WriteFs> = {}): WriteFs & { calls: Call[] } {
  const calls: Call[] = [];
  const fdPath = new Map<number, string>();
  const base: WriteFs = { ...nodeFs, ...overrides };
  const wrap = <K extends Op>(op: K, pathOf: (args: Parameters<WriteFs[K]>) => string | undefined) =>
    ((...args: Parameters<WriteFs[K]>) => {
      const call = { op, path: pathOf(args) };
      const index = calls.push(call) - 1;
      if ((fault.at !== undefined && fault.at === index) || fault.when?.(call, index)) throw errno(fault.code ?? "EIO");
      const result = (base[op] as (...a: unknown[]) => unknown)(...args);
      if (op === "openSync") fdPath.set(result as number, call.path!);
      return result;
    }) as WriteFs[K];
  const byFd = (fd: number) => fdPath.get(fd);
  return {
    calls,
    openSync: wrap("openSync", (a) => a[0]),
    writeSync: wrap("writeSync", (a) => byFd(a[0])),
    fsyncSync: wrap("fsyncSync", (a) => byFd(a[0])),
    closeSync: wrap("closeSync", (a) => byFd(a[0])),
    renameSync: wrap("renameSync", (a) => a[1]),
    linkSync: wrap("linkSync", (a) => a[1]),
    unlinkSync: wrap("unlinkSync", (a) => a[0]),
    rmdirSync: wrap("rmdirSync", (a) => a[0]),
    readFileSync: wrap("readFileSync", (a) => a[0]),
    lstatSync: wrap("lstatSync", (a) => a[0]),
    mkdirSync: wrap("mkdirSync", (a) => a[0]),
    readdirSync: wrap("readdirSync", (a) => a[0]),
  };
}
