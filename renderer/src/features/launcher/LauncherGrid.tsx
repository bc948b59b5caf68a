import { useEffect, useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildSections } from './launcher-filter';
import { LaunchStatus } from './LaunchStatus';
import { TileSection } from './TileSection';
import { useLauncherStore } from './use-launcher-store';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/** The launcher: search, Favorites, Recent and All apps, and the launch status. */
export function LauncherGrid() {
  const { apps, loaded, loadError, query, setQuery, load } = useLauncherStore(
    useShallow((s) => ({
      apps: s.apps,
      loaded: s.loaded,
      loadError: s.loadError,
      query: s.query,
      setQuery: s.setQuery,
      load: s.load,
    })),
  );
  const sections = useMemo(() => buildSections(apps, query), [apps, query]);
  const searchRef = useRef<HTMLInputElement>(null);
  const searchId = useId();

  // "/" and Ctrl+F (Cmd+F) jump to the search box from anywhere on the page.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextEntry(event.target);
      const find = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f';
      if (!slash && !find) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const searching = query.trim() !== '';
  const nothingMatches = loaded && searching && sections.all.length === 0;

  return (
    <div className="launcher">
      <div className="launcher-head">
        <h1>Apps</h1>
        <div className="search">
          <label htmlFor={searchId}>Search apps</label>
          <input
            id={searchId}
            ref={searchRef}
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder="Name or description  ( / )"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query !== '') {
                e.preventDefault();
                setQuery('');
              }
            }}
          />
        </div>
      </div>

      <LaunchStatus />

      {!loaded && !loadError && (
        <p className="muted" role="status">
          Loading apps…
        </p>
      )}
      {loadError && (
        <div className="message error" role="alert">
          <span>{loadError}</span>
          <button type="button" className="button secondary small" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {nothingMatches && (
        <p className="empty-result" role="status">
          No apps match “{query.trim()}”
        </p>
      )}
      {loaded && !searching && apps.length === 0 && <p className="muted">No apps are available to you yet.</p>}

      {sections.favorites.length > 0 && <TileSection title="Favorites" apps={sections.favorites} />}
      {sections.recent.length > 0 && <TileSection title="Recent" apps={sections.recent} />}
      {sections.all.length > 0 && <TileSection title="All apps" apps={sections.all} />}
    </div>
  );
}
