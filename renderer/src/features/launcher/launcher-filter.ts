import type { AppTile } from '../../../../common/contract';

/** How many tiles the Recent row shows at most. */
export const RECENT_LIMIT = 4;

/** The launcher's sections, each already filtered and sorted. */
export interface LauncherSections {
  favorites: AppTile[];
  recent: AppTile[];
  all: AppTile[];
}

/** Case- and accent-insensitive form of a string, for matching what users type. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

/** True when every word of the query appears in the app's name or description. */
export function matchesQuery(app: AppTile, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalize(`${app.name} ${app.description}`);
  return words.every((word) => haystack.includes(word));
}

/** The apps matching the query, in the order given. */
export function filterApps(apps: readonly AppTile[], query: string): AppTile[] {
  return apps.filter((app) => matchesQuery(app, query));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Virtual desktops first (they're the "everything" entry), then apps by name. */
export function sortApps(apps: readonly AppTile[]): AppTile[] {
  return [...apps].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'desktop' ? -1 : 1;
    return collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
  });
}

function launchTime(app: AppTile): number {
  if (!app.lastLaunchedAt) return Number.NaN;
  return Date.parse(app.lastLaunchedAt);
}

/** Most recently launched first; apps never launched (or with a bad time) are left out. */
export function recentApps(apps: readonly AppTile[], limit = RECENT_LIMIT): AppTile[] {
  return apps
    .filter((app) => Number.isFinite(launchTime(app)))
    .sort((a, b) => launchTime(b) - launchTime(a))
    .slice(0, limit);
}

/**
 * Splits the catalogue into the sections the launcher shows. While the user
 * searches, the Recent row is hidden so results aren't listed three times.
 */
export function buildSections(apps: readonly AppTile[], query: string): LauncherSections {
  const matching = sortApps(filterApps(apps, query));
  return {
    favorites: matching.filter((app) => app.favorite),
    recent: normalize(query) === '' ? recentApps(apps) : [],
    all: matching,
  };
}
