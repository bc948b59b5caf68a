import { useHostStore } from '../../lib/use-host-store';

/** Browser host: a notice on every screen while the page has lost its host. */
export function HostLostBanner() {
  const lost = useHostStore((s) => s.lost);
  return (
    <div role="alert" className={lost ? 'banner error host-lost' : 'visually-empty'}>
      {lost && (
        <span>
          Portico stopped on this computer: transfers are not running and nothing here is up to date. Start
          Portico again and open the address it prints.
        </span>
      )}
    </div>
  );
}
