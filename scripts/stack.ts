/**
 * Test-only launcher for one end-to-end stack: the reference portal and the
 * browser host, each on a random loopback port with temp data folders.
 * Prints one `PORTICO_STACK {json}` line, then serves until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type AppContext } from '../server/index';
import { generateReadablePassword } from '../server/auth/passwords';
import { createUser } from '../server/auth/users';
import { startBrowserHost } from '../main/browser-host/index';
import { seedAccounts, type SeedAccount } from '../tests/e2e/seed-accounts';
import { seedPglite } from '../tests/setup/pglite-template';

interface StackOptions {
  serverConfig?: Record<string, unknown>;
  /** Activation: usernames to create with a temporary (activation) password, like `create-user`. */
  tempUsers?: string[];
  /** Accounts in a given state (old password, enrolled authenticator, questions). */
  seedAccounts?: SeedAccount[];
  /** Administration: usernames (seeded or demo) that get the manager role. */
  managers?: string[];
}

/** Creates a user the way `create-user` does; returns the temporary password (test stacks only). */
async function createTempUser(
  ctx: AppContext,
  username: string,
): Promise<{ username: string; password: string }> {
  const password = generateReadablePassword();
  await createUser(ctx.db, {
    username,
    displayName: `New User ${username}`,
    passwordHash: await ctx.hasher.hash(password),
    mustChangePassword: true,
    now: ctx.clock.now(),
  });
  return { username, password };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as StackOptions;
  const root = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  const recordDir = join(root, 'launches');
  let captured: AppContext | null = null;
  // Starts from the test run's migrated database when there is one (see tests/setup/pglite-template.ts).
  seedPglite(join(root, 'portal'));
  const server = await startServer({
    dataDir: join(root, 'portal'),
    port: 0,
    config: options.serverConfig ?? {},
    // A tiny plugin hands the stack the portal's context to create users.
    plugins: [{ name: 'stack-context', register: (_app, ctx) => void (captured = ctx) }],
  });
  const tempUsers: Array<{ username: string; password: string }> = [];
  for (const username of options.tempUsers ?? []) tempUsers.push(await createTempUser(captured!, username));
  if (options.seedAccounts?.length) {
    const ctx: AppContext = captured!;
    await seedAccounts(ctx, ctx.config.argon2, ctx.clock.now(), options.seedAccounts);
  }
  if (options.managers?.length) {
    const ctx: AppContext = captured!;
    await ctx.db.query(
      `UPDATE users SET roles = array_append(roles, 'manager') WHERE lower(username) = ANY($1::text[]) AND NOT ('manager' = ANY(roles))`,
      [options.managers.map((name) => name.toLowerCase())],
    );
  }
  const host = await startBrowserHost({
    portalUrl: server.url,
    dataDir: join(root, 'client'),
    port: 0,
    recordLaunchesDir: recordDir,
  });
  process.stdout.write(
    `PORTICO_STACK ${JSON.stringify({ pid: process.pid, portalUrl: server.url, hostUrl: host.url, demo: server.demoAccount, tempUsers, recordDir, root, ftps: server.ftps })}\n`,
  );
  const stop = async (): Promise<void> => {
    await host.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`stack failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
