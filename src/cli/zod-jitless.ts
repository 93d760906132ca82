/**
 * zod without its compiled parsers, for the incremental check's bundle (src/cli/incremental-path.ts,
 * which imports this first, before any schema is made: zod decides when a schema is made). zod
 * compiles a parser per object schema with `new Function` the first time it parses one (~50 ms
 * for the rules, the roster and a record file at 100,000 records), which pays back only over
 * thousands of objects; the incremental check validates a few files, and a whole check from the
 * same bundle only the files the fast reader and validator did not take (those with problems),
 * the config and the rules. The full CLI (its own copy of zod) keeps them. The results are the same either way (zod's own tests; and
 * test/cache/check-incremental.test.ts compares every output with a whole check's).
 */
import { z } from "zod";

z.config({ jitless: true });
