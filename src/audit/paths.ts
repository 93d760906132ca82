/**
 * Which files a change touches, by kind. Paths in the config are normalised before they are
 * compared (`./rules/x.yaml` and `rules//x.yaml` are rules/x.yaml), so writing a rule file
 * differently in `rules:` never hides an edit of it.
 */
import { t, type Lang } from "../i18n.js";
import { CONFIG_FILE, normalizeRepoPath, RECORDS_DIR, ROSTER_FILE, SESSIONS_DIR } from "../repo/layout.js";

/**
 * Files at the top of the git work tree that decide how the repository is checked and who
 * reviews it: the forge's CI, CODEOWNERS, commit hooks. Changing them changes the rules of
 * the game, so they are the office's, like the config.
 */
const TOP_GOVERNANCE: { test: (p: string) => boolean; zh: string; en: string }[] = [
  { test: (p) => /^\.(github|gitea|forgejo|gitlab)\//.test(p) || p === ".gitlab-ci.yml", zh: "CI 配置", en: "the CI configuration" },
  { test: (p) => /^(\.github\/|\.gitlab\/|docs\/)?CODEOWNERS$/.test(p), zh: "CODEOWNERS", en: "CODEOWNERS" },
  {
    test: (p) => /^(\.husky|\.githooks|\.git-hooks)\//.test(p) || /^(\.pre-commit-config\.ya?ml|\.?lefthook\.ya?ml|\.gitattributes|\.gitmodules)$/.test(p),
    zh: "git 钩子或属性配置",
    en: "the git hooks or attributes configuration",
  },
];

export function isTopGovernance(gitPath: string): boolean {
  return TOP_GOVERNANCE.some((g) => g.test(gitPath));
}

export type ItemKind = "records" | "sessions";

export function itemFileKind(repoPath: string): ItemKind | undefined {
  if (!/\.ya?ml$/i.test(repoPath)) return undefined;
  if (repoPath.startsWith(`${RECORDS_DIR}/`)) return "records";
  if (repoPath.startsWith(`${SESSIONS_DIR}/`)) return "sessions";
  return undefined;
}

/** The term folder of a record or session file: `records/<term>/…`. */
export function termOfPath(repoPath: string): string | undefined {
  return /^(?:records|sessions)\/([^/]+)\//.exec(repoPath)?.[1];
}

/**
 * What governance file `gitPath` is (a label for messages), or undefined.
 * `repoPath` is the same path relative to the school folder, undefined outside it.
 */
export function governanceLabel(gitPath: string, repoPath: string | undefined, ruleFiles: ReadonlySet<string>, lang: Lang): string | undefined {
  const top = TOP_GOVERNANCE.find((g) => g.test(gitPath));
  if (top) return t(lang, top.zh, top.en);
  if (repoPath === undefined) return undefined;
  if (repoPath === CONFIG_FILE) return t(lang, "配置文件", "the config");
  if (repoPath === ROSTER_FILE) return t(lang, "名册", "the roster");
  if (repoPath.startsWith(".yanxiu/")) return t(lang, "CI 安装的 yanxiu(.yanxiu/)", "the copy of yanxiu that CI installs (.yanxiu/)");
  if (repoPath.startsWith("rules/") || ruleFiles.has(repoPath)) return t(lang, "规则文件", "a rule file");
  if (repoPath !== gitPath) {
    const inside = TOP_GOVERNANCE.find((g) => g.test(repoPath));
    if (inside) return t(lang, inside.zh, inside.en);
  }
  return undefined;
}

/** The rule files a config text lists, normalised. */
export function ruleFilesOf(config: unknown): string[] {
  const rules = (config as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(rules) ? rules.filter((r): r is string => typeof r === "string").map(normalizeRepoPath) : [];
}
