/**
 * Icon files for windows and the tray: PNGs rendered from
 * `resources/icons/*.svg` (see bench/desktop/render-icons.ts). Packaged apps
 * read them from `resources/icons` next to the asar (extraResources).
 */
import { join } from 'node:path';
import { app, nativeImage, type NativeImage } from 'electron';

/** Folder holding the PNG icons. */
export function iconDir(appRoot: string): string {
  return app.isPackaged ? join(process.resourcesPath, 'icons') : join(appRoot, 'resources', 'icons');
}

/** The window icon (Linux/Windows use it; macOS uses the bundle icon). */
export function windowIcon(appRoot: string): NativeImage {
  return nativeImage.createFromPath(join(iconDir(appRoot), 'png', '256x256.png'));
}

/**
 * The tray icon: macOS gets a template image (drawn by the OS in the menu
 * bar's colour, `@2x` picked up automatically); elsewhere a 16 px image with
 * its 32 px representation for high-DPI screens.
 */
export function trayIcon(appRoot: string, platform: NodeJS.Platform = process.platform): NativeImage {
  const dir = iconDir(appRoot);
  if (platform === 'darwin') {
    const image = nativeImage.createFromPath(join(dir, 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  const image = nativeImage.createFromPath(join(dir, 'tray.png'));
  const large = nativeImage.createFromPath(join(dir, 'tray@2x.png'));
  if (!image.isEmpty() && !large.isEmpty()) image.addRepresentation({ scaleFactor: 2, buffer: large.toPNG() });
  return image;
}
