import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';
import type { SeedAccount } from './seed-accounts';
import { stackCommand } from './stack-bundle';

/** What the stack script reports once the portal and the browser host listen. */
export interface Stack {
  /** Process id of the stack (the light version's Xvnc sessions are its children). */
  pid: number;
  portalUrl: string;
  /** Browser host URL including its `#token=`. */
  hostUrl: string;
  demo: { username: string; password: string };
  /** Activation: users created with a temporary password (`tempUsers` option). */
  tempUsers: Array<{ username: string; password: string }>;
  /** Where the recording OS launcher writes launch records. */
  recordDir: string;
  root: string;
  /** File transfers: the portal's FTPS endpoint; each user's files are in `<filesDir>/<username>`. */
  ftps: { port: number; filesDir: string } | null;
}

async function startStack(
  serverConfig: Record<string, unknown>,
  tempUsers: string[] = [],
  seedAccounts: SeedAccount[] = [],
  managers: string[] = [],
): Promise<{ stack: Stack; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...stackCommand(), JSON.stringify({ serverConfig, tempUsers, seedAccounts, managers })],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stack = await new Promise<Stack>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack did not start in time\n${stderr}`)), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited with ${code}\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('PORTICO_STACK ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('PORTICO_STACK '.length)) as Stack);
      }
    });
  });
  child.removeAllListeners('exit');
  return { stack, child };
}

async function stopStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface StackOptions {
  serverConfig: Record<string, unknown>;
  tempUsers: string[];
  seedAccounts: SeedAccount[];
  managers: string[];
}

/**
 * One stack per spec file: files that share a worker must not share the
 * browser host's signed-in state, favorites or queue, or one file's
 * leftovers decide how the next one starts.
 */
interface StackPool {
  forFile(file: string, options: StackOptions): Promise<Stack>;
}

interface WorkerFixtures extends StackOptions {
  stackPool: StackPool;
}

interface TestFixtures {
  /** The portal + browser host of this spec file. */
  stack: Stack;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  /** Portal configuration overrides for this file (e.g. a short idle timeout). */
  serverConfig: [{}, { option: true, scope: 'worker' }],
  /** Activation: usernames the stack creates with a temporary password. */
  tempUsers: [[], { option: true, scope: 'worker' }],
  /** Accounts the stack creates in a given state (see `seed-accounts.ts`). */
  seedAccounts: [[], { option: true, scope: 'worker' }],
  /** Administration: usernames given the manager role. */
  managers: [[], { option: true, scope: 'worker' }],
  stackPool: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let current: { file: string; stack: Stack; child: ChildProcess } | null = null;
      await use({
        async forFile(file, options) {
          if (current?.file === file) return current.stack;
          if (current) await stopStack(current.child);
          current = null;
          const { stack, child } = await startStack(
            options.serverConfig,
            options.tempUsers,
            options.seedAccounts,
            options.managers,
          );
          current = { file, stack, child };
          return stack;
        },
      });
      if (current) await stopStack((current as { child: ChildProcess }).child);
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  stack: [
    async ({ stackPool, serverConfig, tempUsers, seedAccounts, managers }, use, testInfo) => {
      await use(await stackPool.forFile(testInfo.file, { serverConfig, tempUsers, seedAccounts, managers }));
    },
    { timeout: 180_000 },
  ],
});

export { expect };

/** Opens the app and signs in through the sign-in form. */
export async function signIn(page: Page, stack: Stack, username: string, password: string): Promise<void> {
  if (!page.url().startsWith(new URL(stack.hostUrl).origin)) await page.goto(stack.hostUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log On' }).click();
}
