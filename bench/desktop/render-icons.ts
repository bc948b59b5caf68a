/**
 * Renders the PNG icons from `resources/icons/*.svg` with Debian Chromium
 * (playwright-core), so the PNGs are reproducible from the SVG sources:
 *
 *   npx tsx bench/desktop/render-icons.ts
 *
 * Writes `resources/icons/png/<n>x<n>.png` (16…512, the Linux icon set and
 * the window icon), `portico.png` (512, electron-builder turns it into
 * .ico/.icns), `tray.png`/`tray@2x.png` (coloured, Windows/Linux) and
 * `trayTemplate.png`/`trayTemplate@2x.png` (black + alpha, macOS menu bar).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support';

const ICONS = join(process.cwd(), 'resources', 'icons');
const APP_SIZES = [16, 32, 64, 128, 256, 512];

async function render(page: Page, svgFile: string, size: number): Promise<Buffer> {
  const svg = readFileSync(join(ICONS, svgFile)).toString('base64');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img alt="" src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await (await browser.newContext({ deviceScaleFactor: 1 })).newPage();
    mkdirSync(join(ICONS, 'png'), { recursive: true });
    for (const size of APP_SIZES) {
      const png = await render(page, 'portico.svg', size);
      writeFileSync(join(ICONS, 'png', `${size}x${size}.png`), png);
      if (size === 512) writeFileSync(join(ICONS, 'portico.png'), png);
    }
    writeFileSync(join(ICONS, 'tray.png'), await render(page, 'portico.svg', 16));
    writeFileSync(join(ICONS, 'tray@2x.png'), await render(page, 'portico.svg', 32));
    writeFileSync(join(ICONS, 'trayTemplate.png'), await render(page, 'tray.svg', 16));
    writeFileSync(join(ICONS, 'trayTemplate@2x.png'), await render(page, 'tray-32.svg', 32));
    console.log(`icons written to ${ICONS}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
