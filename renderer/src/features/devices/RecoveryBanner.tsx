import { useEffect } from 'react';
import { useNavigationStore } from '../../lib/use-navigation-store';
import { useDevicesStore } from './use-devices-store';

/**
 * Until the account has two ways in (a device plus backup codes, or two
 * devices), a gentle reminder on the launcher says why it matters.
 */
export function RecoveryBanner() {
  const account = useDevicesStore((s) => s.account);
  useEffect(() => {
    void useDevicesStore.getState().load();
  }, []);
  if (!account || account.recoveryReady || account.devices.length === 0) return null;
  return (
    <div className="message info recovery-banner" role="status">
      <span>
        Your account has only one way in. If you lose your phone, you will have to call support to get back in. Add a second device or save
        backup codes.
      </span>{' '}
      <button type="button" className="button secondary small" onClick={() => useNavigationStore.getState().navigate('devices')}>
        My Settings &amp; Devices
      </button>
    </div>
  );
}
