/**
 * Vitest global setup: the built admin CLI (`portico-portal`,
 * out/server/cli.js) that the CLI tests spawn under plain Node. Built once per
 * run, and only when it is missing or older than its sources, so `vitest run`
 * works on a fresh checkout and after any edit to server/.
 */
import { ensurePortalCli } from '../../scripts/portal-cli.mjs';
import { REPO_ROOT } from './portal-cli-path';

export default async function setup(): Promise<void> {
  await ensurePortalCli(REPO_ROOT);
}
