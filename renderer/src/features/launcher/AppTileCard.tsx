import type { KeyboardEvent } from 'react';
import type { AppTile } from '../../../../common/contract';
import { iconUrl, offersLightVersion } from './app-icons';

/** What a tile needs from its section and the store. */
export interface AppTileCardProps {
  app: AppTile;
  /** Whether this tile is the one in the Tab order (roving tabindex). */
  tabbable: boolean;
  favoritePending: boolean;
  tileRef(el: HTMLElement | null): void;
  onFocus(): void;
  onKeyDown(event: KeyboardEvent): void;
  onLaunch(): void;
  onLaunchLight(): void;
  /** The user chose *Use light version* for every tile: no per-tile link then. */
  lightPreferred: boolean;
  onToggleFavorite(): void;
}

function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * One app. The tile launches it (natively when possible); its accessible name
 * is its visible text, so it starts with the app's name. The star toggles it
 * as a favorite; *Use light version* starts this one app in the light version
 * (hidden while every tile already starts that way, *Change Citrix Receiver*).
 */
export function AppTileCard(props: AppTileCardProps) {
  const { app, tabbable } = props;
  const isDesktop = app.kind === 'desktop';

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      props.onToggleFavorite();
      return;
    }
    props.onKeyDown(event);
  };

  return (
    <li className="tile">
      <button
        ref={props.tileRef}
        type="button"
        className="tile-main"
        tabIndex={tabbable ? 0 : -1}
        onFocus={props.onFocus}
        onKeyDown={onKeyDown}
        onClick={props.onLaunch}
      >
        <img className="tile-icon" src={iconUrl(app.icon)} alt="" width={48} height={48} />
        <span className="tile-text">
          <span className="tile-name">
            {app.name}
          </span>
          <span className="tile-description" title={app.description}>
            {isDesktop && <span className="badge">Full desktop</span>}
            {app.description}
          </span>
        </span>
      </button>
      <div className="tile-actions">
        {offersLightVersion(app) && !props.lightPreferred && (
          <button
            type="button"
            className="tile-action"
            tabIndex={tabbable ? 0 : -1}
            aria-label={`Use light version: ${app.name}`}
            onClick={props.onLaunchLight}
          >
            Use light version
          </button>
        )}
        <button
          type="button"
          className={app.favorite ? 'tile-star on' : 'tile-star'}
          tabIndex={tabbable ? 0 : -1}
          aria-pressed={app.favorite}
          aria-label={app.favorite ? `Remove ${app.name} from favorites` : `Add ${app.name} to favorites`}
          aria-busy={props.favoritePending || undefined}
          title={app.favorite ? 'Remove from favorites (F)' : 'Add to favorites (F)'}
          onClick={props.onToggleFavorite}
        >
          <StarIcon filled={app.favorite} />
        </button>
      </div>
    </li>
  );
}
