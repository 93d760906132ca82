#!/usr/bin/env node
/**
 * Generates a school repository into a folder.
 *
 *   node dist/synth/cli.js examples/demo-school                # the committed demo school
 *   node dist/synth/cli.js /tmp/big --teachers 400 --per-term 20 --years 2024-2025,2025-2026
 *   node dist/synth/cli.js /tmp/district --schools 50 --teachers 40
 *
 * Without options it uses DEMO_SCHOOL. Existing records/, sessions/ and evidence/ folders are
 * removed first; rules/ and other files are left alone.
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { DEMO_SCHOOL, cleanGenerated, districtFiles, emptyStats, schoolFiles, writeSchool } from "./index.js";
import type { SchoolOptions } from "./plan-types.js";

export function run(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      teachers: { type: "string" },
      groups: { type: "string" },
      "per-term": { type: "string" },
      years: { type: "string" },
      school: { type: "string" },
      schools: { type: "string" },
      "as-of": { type: "string" },
      "no-evidence": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(
      "usage: node dist/synth/cli.js <dir> [--seed N] [--teachers N] [--groups N] [--per-term N]\n" +
        "         [--years 2024-2025,2025-2026] [--school 名称] [--schools N] [--as-of YYYY-MM-DD] [--no-evidence]\n",
    );
    return values.help ? 0 : 2;
  }
  const num = (s: string | undefined, d: number) => (s === undefined ? d : Number(s));
  const opts: SchoolOptions = {
    ...DEMO_SCHOOL,
    seed: num(values.seed, DEMO_SCHOOL.seed),
    teachers: num(values.teachers, DEMO_SCHOOL.teachers),
    groups: num(values.groups, DEMO_SCHOOL.groups),
    activitiesPerTeacherPerTerm: num(values["per-term"], DEMO_SCHOOL.activitiesPerTeacherPerTerm),
    years: values.years ? values.years.split(",") : DEMO_SCHOOL.years,
    schoolName: values.school ?? DEMO_SCHOOL.schoolName,
    asOf: values["as-of"] ?? DEMO_SCHOOL.asOf,
    evidence: !values["no-evidence"],
  };
  const dir = positionals[0]!;
  const stats = emptyStats();
  const started = Date.now();
  if (values.schools) {
    const { schoolName: _n, ...rest } = opts;
    writeSchool(dir, districtFiles({ ...rest, schools: Number(values.schools) }, stats));
  } else {
    cleanGenerated(dir);
    writeSchool(dir, schoolFiles(opts, stats));
  }
  process.stdout.write(
    `${dir}: ${stats.teachers} teachers, ${stats.groups} groups, ${stats.records} records, ` +
      `${stats.sessions} sessions (${stats.attendance} attendance entries), ${stats.evidenceFiles} evidence files, ` +
      `${stats.files} files in ${Date.now() - started} ms\n`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = run(process.argv.slice(2));
}
