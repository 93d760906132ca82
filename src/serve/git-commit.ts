/**
 * Who the web page's commits name: the author is the person who saved (roster name and
 * e-mail), the committer is the server. The commits themselves are made a batch at a time by
 * src/git/batch-commit.ts (see src/serve/queue.ts).
 */
import type { Person } from "../git/batch-commit.js";

export type { Person };

export const SERVER_COMMITTER: Person = { name: "yanxiu serve", email: "yanxiu-serve@localhost" };
