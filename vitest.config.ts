import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "rules/**/*.test.ts"],
    // Test files side by side, one more than there are cores: vitest's default (cores − 1) runs one
    // file at a time on 2 cores, while many files spend their time waiting on child processes (the
    // CLI, git, Chromium). Each file runs in its own process (forks) with its own temp folders.
    pool: "forks",
    maxWorkers: availableParallelism() + 1,
    // Files beside each other and other work on the machine slow each test down; the limits catch a
    // hang, not a slow machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
