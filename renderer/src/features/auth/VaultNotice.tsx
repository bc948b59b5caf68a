import { usePortalStore } from '../../lib/use-portal-store';

/**
 * Tells the user, quietly, when secrets are kept for this session only (no
 * OS keychain) and why, and loudly when the saved store was unreadable and
 * kept aside.
 */
export function VaultNotice() {
  const vault = usePortalStore((s) => s.info?.vault);
  if (!vault) return null;
  return (
    <>
      {vault.problem && (
        <p className="message error" role="alert">
          {vault.problem}
        </p>
      )}
      {!vault.persistent && (
        <p className="vault-notice muted">
          <strong>Signed in for this session only.</strong> {vault.reason ?? 'No secure storage is available on this system.'}
        </p>
      )}
    </>
  );
}
