/**
 * Budgets in CPU time (user + system, every thread of this process) rather than by the clock:
 * with test files run side by side on a busy machine, the clock runs on while a process waits
 * for a core, and a budget by the clock fails on a wait rather than on work.
 */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
