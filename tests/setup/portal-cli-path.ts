/** Where the built admin CLI is, for tests that spawn it (`node <PORTAL_CLI> <command>`). */
import { join } from 'node:path';
import { PORTAL_CLI_FILE, PORTAL_CLI_OUT_DIR } from '../../scripts/portal-cli.mjs';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const PORTAL_CLI = join(REPO_ROOT, PORTAL_CLI_OUT_DIR, PORTAL_CLI_FILE);
