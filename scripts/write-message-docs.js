#!/usr/bin/env node
// Rewrites the message catalogue section of docs/check.md from src/messages (built in dist/).
import { readFileSync, writeFileSync } from "node:fs";
import { withCatalogue } from "../dist/messages/doc.js";

const path = new URL("../docs/check.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = withCatalogue(before);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? "docs/check.md: the catalogue is up to date\n" : "docs/check.md: catalogue section rewritten\n");
