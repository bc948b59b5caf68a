import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppTile } from '../../../../common/contract';
import { primaryMode } from './app-icons';
import { AppTileCard } from './AppTileCard';
import { useLauncherStore } from './use-launcher-store';
import { useRovingGrid } from './use-roving-grid';

/** A titled group of tiles (Favorites, Recent, All apps) with its own arrow-key grid. */
export function TileSection({ title, apps }: { title: string; apps: AppTile[] }) {
  const headingId = useId();
  const { active, setActive, listProps, register, onKeyDown } = useRovingGrid(apps.length);
  const { launch, toggleFavorite, pending, lightPreferred } = useLauncherStore(
    useShallow((s) => ({
      launch: s.launch,
      toggleFavorite: s.toggleFavorite,
      pending: s.pendingFavorites,
      lightPreferred: s.launchPreference === 'light',
    })),
  );

  return (
    <section className="tile-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="tile-grid" role="list" {...listProps}>
        {apps.map((app, index) => (
          <AppTileCard
            key={app.id}
            app={app}
            tabbable={index === active}
            favoritePending={pending.includes(app.id)}
            tileRef={register(index)}
            onFocus={() => setActive(index)}
            onKeyDown={(event) => onKeyDown(index, event)}
            onLaunch={() => void launch(app.id, primaryMode(app))}
            onLaunchLight={() => void launch(app.id, 'web')}
            lightPreferred={lightPreferred}
            onToggleFavorite={() => void toggleFavorite(app.id)}
          />
        ))}
      </ul>
    </section>
  );
}
