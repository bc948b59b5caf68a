import type { AppTile, LaunchRequest } from '../../../../common/contract';

// Bundled at build time; `no-inline` keeps them as files so a strict
// `img-src 'self'` policy never has to allow data: URLs.
const modules = import.meta.glob<string>('../../../../resources/catalogue/*.svg', {
  eager: true,
  query: '?no-inline',
  import: 'default',
});

/** The icon key a bundled file provides ("…/catalogue/7zip.svg" → "7zip"). */
export function iconKeyFromPath(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.svg$/i, '');
}

const byKey = new Map(Object.entries(modules).map(([path, url]) => [iconKeyFromPath(path), url]));

/**
 * The URL of an app's icon. The key comes from the portal, so it is only
 * ever used to look up a bundled file; unknown keys get the generic icon.
 */
export function iconUrl(key: string): string {
  // A Map (not an object) so keys like "__proto__" can't reach anything else.
  return byKey.get(key) ?? byKey.get('generic') ?? '';
}

/** How activating a tile launches the app: natively when it can, else the light version. */
export function primaryMode(app: AppTile): LaunchRequest['mode'] {
  return app.methods.some((m) => m === 'ica' || m === 'rdp') ? 'native' : 'web';
}

/** Whether the tile offers a separate "light version" (web) action. */
export function offersLightVersion(app: AppTile): boolean {
  return app.methods.includes('web') && primaryMode(app) === 'native';
}
