import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../ui/Dialog';
import { useLauncherStore } from './use-launcher-store';

/**
 * *Change Citrix Receiver* (the account menu), as the portal guide's
 * troubleshooting says: *Use light version* makes every tile start the light
 * version, for this user on this portal, until they go back to the installed
 * client. The guide's note on what the light version cannot reach is shown.
 */
export function ReceiverDialog() {
  const { open, preference, close, choose } = useLauncherStore(
    useShallow((s) => ({
      open: s.receiverOpen,
      preference: s.launchPreference,
      close: s.closeReceiver,
      choose: s.setLaunchPreference,
    })),
  );
  if (!open) return null;
  const light = preference === 'light';
  return (
    <Dialog title="Change Citrix Receiver" onCancel={close}>
      <p role="status">
        {light
          ? 'Apps start in the light version, in a window of their own.'
          : 'Apps start with the installed client.'}
      </p>
      <p className="muted small">
        The light version is not able to access your local resources like your clipboard or local drives. Use
        the installed client if you need access to local resources.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={close}>
          Cancel
        </button>
        {light ? (
          <button type="button" className="button primary" onClick={() => void choose('native')}>
            Use installed client
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => void choose('light')}>
            Use light version
          </button>
        )}
      </div>
    </Dialog>
  );
}
