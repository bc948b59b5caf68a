import { useEffect, useRef, useState } from 'react';
import type { AccountMfa, EnrollmentInfo } from '../../../../common/contract';
import { AddDevicePanel } from './AddDevicePanel';
import { DeviceList } from '../../ui/mfa/DeviceList';
import { RenameDeviceField } from './RenameDeviceField';
import { useDevicesStore } from './use-devices-store';

/** Why *Remove* is not offered on the only method (the portal refuses it too). */
export const LAST_METHOD_NOTE = 'This is your only way to confirm it is you, so it cannot be removed. Add another device first.';

/** The *Devices* section: list with inline rename and remove, and *Add another device*. */
export function DevicesSection(props: { account: AccountMfa; busy: boolean; pending: string | null; needsStepUp: boolean; enrollment: EnrollmentInfo | null; codeError: string | null }) {
  const { account, busy } = props;
  const store = useDevicesStore.getState();
  const [renaming, setRenaming] = useState<string | null>(null);
  const renameButtons = useRef(new Map<string, HTMLButtonElement>());
  /** The row whose *Rename* button gets focus back once the field is gone. */
  const refocus = useRef<string | null>(null);
  const onlyOne = account.devices.length <= 1;

  const finishRename = (id: string) => {
    refocus.current = id;
    setRenaming(null);
  };

  // After the commit that removed the field, so the button exists. (A frame
  // callback could run before React rendered an update made after an await,
  // and then found no button to focus.)
  useEffect(() => {
    if (renaming !== null || refocus.current === null) return;
    renameButtons.current.get(refocus.current)?.focus();
    refocus.current = null;
  }, [renaming]);

  return (
    <section aria-labelledby="devices-h">
      <h2 id="devices-h">Devices</h2>
      <DeviceList
        devices={account.devices}
        actions={(device) =>
          renaming === device.id ? (
            <RenameDeviceField device={device} busy={busy} onSave={(name) => store.rename(device.id, name)} onDone={() => finishRename(device.id)} />
          ) : (
            <span className="button-row">
              <button
                ref={(el) => {
                  if (el) renameButtons.current.set(device.id, el);
                  else renameButtons.current.delete(device.id);
                }}
                type="button"
                className="button secondary small"
                aria-label={`Rename ${device.name}`}
                onClick={() => setRenaming(device.id)}
              >
                Rename
              </button>
              {!onlyOne && (
                <button type="button" className="button secondary small" aria-label={`Remove ${device.name}`} onClick={() => store.ask('remove', device.id)}>
                  Remove
                </button>
              )}
            </span>
          )
        }
      />
      {onlyOne && <p className="muted small">{LAST_METHOD_NOTE}</p>}
      {props.pending === 'add' && !props.needsStepUp ? (
        <AddDevicePanel enrollment={props.enrollment} busy={busy} onStart={(d) => void store.addDevice(d)} onConfirm={(c) => void store.confirmDevice(c)} onCancel={() => store.cancel()} codeError={props.codeError} onCodeChange={() => store.clearError()} />
      ) : (
        <button type="button" className="button secondary" onClick={() => store.ask('add')}>
          Add another device
        </button>
      )}
    </section>
  );
}
