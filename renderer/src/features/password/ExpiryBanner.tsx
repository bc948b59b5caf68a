import { usePasswordStore } from './use-password-store';

/** "Your password expires in N days" from 14 days before expiry, with *Change password…*. */
export function ExpiryBanner() {
  const status = usePasswordStore((s) => s.status);
  const openChange = usePasswordStore((s) => s.openChange);
  if (!status || (status.state !== 'remind' && status.state !== 'notify') || status.daysLeft === null)
    return null;
  const days = status.daysLeft === 1 ? '1 day' : `${status.daysLeft} days`;
  return (
    <div className={`banner ${status.state === 'notify' ? 'warning' : 'info'}`} role="status">
      <span>Your password expires in {days}.</span>
      <button type="button" className="button secondary small" onClick={openChange}>
        Change password…
      </button>
    </div>
  );
}
