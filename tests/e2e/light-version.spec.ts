/**
 * The light version end to end: a tile's *Use light version* opens the
 * portal's light page, which runs a real session on the reference host (one
 * Xvnc per session, a child of the stack's portal). What the user sees is
 * checked on the canvas itself, and the session's Xvnc must end when the tab
 * closes.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, signIn, type Stack } from './fixtures';
import { xvncChildrenOf } from '../setup/xvnc-children';

/** Distinct colours and a digest of the session's canvas, as the page draws it. */
async function canvasLook(tab: Page): Promise<{ colours: number; digest: string }> {
  return tab.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('#screen canvas');
    if (!canvas || canvas.width === 0) return { colours: 0, digest: '' };
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7)
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    const digest = await crypto.subtle.digest('SHA-256', data);
    return {
      colours: colours.size,
      digest: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
    };
  });
}

/** Opens `appName`'s light version from its tile; resolves with the live tab. */
async function openLight(page: Page, appName: string): Promise<Page> {
  const newTab = page.context().waitForEvent('page');
  await page.getByRole('button', { name: `Use light version: ${appName}` }).click();
  const tab = await newTab;
  await expect(tab.getByRole('application', { name: `${appName} (light version)` })).toBeVisible();
  await expect(tab.locator('body.live')).toBeAttached();
  await expect(tab).toHaveTitle(`${appName} (light version)`);
  return tab;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

async function signInDemo(page: Page, stack: Stack): Promise<void> {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await expect(page.getByRole('region', { name: 'All apps' })).toBeVisible();
}

test.describe('light version', () => {
  test('Windows Explorer runs as a live picture, on its own Xvnc that ends with the tab', async ({
    page,
    stack,
  }) => {
    await signInDemo(page, stack);
    const before = xvncChildrenOf(stack.pid);
    const tab = await openLight(page, 'Windows Explorer');
    expect(xvncChildrenOf(stack.pid)).toBe(before + 1);
    // A file manager's window, not a blank or single-colour screen.
    await expect.poll(async () => (await canvasLook(tab)).colours).toBeGreaterThan(8);
    await tab.close();
    await expect.poll(() => xvncChildrenOf(stack.pid)).toBe(before);
    await signOut(page);
  });

  test('the Virtual Desktop takes clicks and typing, and its Xvnc ends with the tab', async ({
    page,
    stack,
  }) => {
    await signInDemo(page, stack);
    const before = xvncChildrenOf(stack.pid);
    const tab = await openLight(page, 'Virtual Desktop');
    expect(xvncChildrenOf(stack.pid)).toBe(before + 1);
    // Wait for the desktop to settle: two looks in a row that match.
    let settled = '';
    await expect
      .poll(async () => {
        const look = await canvasLook(tab);
        const same = look.colours > 8 && look.digest === settled;
        settled = look.digest;
        return same;
      })
      .toBe(true);
    // The terminal window sits at 120,120 on the session's screen (the file manager and the
    // archiver open to its right): click into its left part, then type a command it runs
    // in the user's own folder, the one the FTPS endpoint serves.
    const canvas = tab.locator('#screen canvas');
    const box = (await canvas.boundingBox())!;
    const scale = box.width / (await canvas.evaluate((c: HTMLCanvasElement) => c.width));
    await tab.mouse.click(box.x + 200 * scale, box.y + 300 * scale);
    const marker = `typed-in-light-${Date.now().toString(36)}`;
    await tab.keyboard.type(`touch ${marker}`);
    await tab.keyboard.press('Enter');
    const folder = join(stack.ftps!.filesDir, stack.demo.username.toLowerCase());
    await expect.poll(() => existsSync(join(folder, marker))).toBe(true);
    // And the picture shows it.
    await expect.poll(async () => (await canvasLook(tab)).digest).not.toBe(settled);
    rmSync(join(folder, marker));
    await tab.close();
    await expect.poll(() => xvncChildrenOf(stack.pid)).toBe(before);
    await signOut(page);
  });
});
