/**
 * The tray menu as plain data. Shells render it with their own menu API and
 * route `invoke` actions through the router (as a trusted sender), so the
 * tray can never do more than the window can.
 */
import { replaceUnsafe } from '../../../common/text/guard';
import type { AppTile, AuthState, LaunchRequest } from '../../../common/contract';

/** What clicking a tray item does. */
export type TrayAction =
  | { type: 'invoke'; channel: 'apps:launch'; args: [LaunchRequest] }
  | { type: 'invoke'; channel: 'auth:sign-out'; args: [] }
  | { type: 'invoke'; channel: 'transfers:retry-failed'; args: [] }
  | { type: 'show-window' }
  | { type: 'quit' };

/** One entry of the tray menu. */
export type TrayMenuItem =
  | { kind: 'item'; id: string; label: string; enabled: boolean; action: TrayAction }
  | { kind: 'heading'; label: string }
  | { kind: 'separator' };

/** The whole menu, serialisable (JSON-safe). */
export interface TrayMenuModel {
  tooltip: string;
  items: TrayMenuItem[];
}

/** Optional transfer summary shown in the menu (filled from the transfer engine's totals). */
export interface TrayTransferSummary {
  active: number;
  /** Failed items waiting for *Retry failed*. */
  failed?: number;
}

/** Builds the tray menu: favorites, all apps, Open Portico, Sign out (when signed in), Quit. */
export function buildTrayMenu(input: { auth: AuthState; apps: AppTile[]; transfers?: TrayTransferSummary }): TrayMenuModel {
  const items: TrayMenuItem[] = [];
  const signedIn = input.auth.status === 'signed-in';
  if (signedIn) {
    const favorites = input.apps.filter((app) => app.favorite);
    if (favorites.length > 0) {
      items.push({ kind: 'heading', label: 'Favorites' });
      for (const app of favorites) items.push(launchItem(app, 'favorite'));
      items.push({ kind: 'separator' });
    }
    if (input.apps.length > 0) {
      items.push({ kind: 'heading', label: 'All apps' });
      for (const app of input.apps) items.push(launchItem(app, 'app'));
      items.push({ kind: 'separator' });
    }
  }
  const active = input.transfers?.active ?? 0;
  const failed = input.transfers?.failed ?? 0;
  if (active > 0 || failed > 0) {
    const parts = [
      ...(active > 0 ? [`${active} transfer${active === 1 ? '' : 's'} in progress`] : []),
      ...(failed > 0 ? [`${failed} failed`] : []),
    ];
    items.push({ kind: 'heading', label: parts.join(', ') });
    if (failed > 0 && signedIn) {
      items.push({ kind: 'item', id: 'retry-failed', label: 'Retry failed', enabled: true, action: { type: 'invoke', channel: 'transfers:retry-failed', args: [] } });
    }
    items.push({ kind: 'separator' });
  }
  items.push({ kind: 'item', id: 'open', label: 'Open Portico', enabled: true, action: { type: 'show-window' } });
  if (signedIn) {
    items.push({ kind: 'item', id: 'sign-out', label: 'Sign out', enabled: true, action: { type: 'invoke', channel: 'auth:sign-out', args: [] } });
  }
  items.push({ kind: 'separator' }, { kind: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } });
  const tooltip = input.auth.status === 'signed-in' ? `Portico — ${plain(input.auth.user.displayName || input.auth.user.username)}` : 'Portico';
  return { tooltip, items };
}

function launchItem(app: AppTile, prefix: 'favorite' | 'app'): TrayMenuItem {
  // Native first, as in the launcher; web-only apps open their light version.
  const mode = app.methods.includes('ica') || app.methods.includes('rdp') ? 'native' : 'web';
  return {
    kind: 'item',
    id: `${prefix}:${app.id}`,
    label: plain(app.name),
    enabled: true,
    action: { type: 'invoke', channel: 'apps:launch', args: [{ appId: app.id, mode }] },
  };
}

/** Names come from the portal: blank out unsafe characters (bidi controls included) and keep menus short. */
function plain(text: string): string {
  const cleaned = replaceUnsafe(text, ' ').trim();
  return cleaned.length > 64 ? `${cleaned.slice(0, 63)}…` : cleaned;
}
