import type { MfaDevice } from '../../../../common/contract';

const KIND: Record<MfaDevice['kind'], string> = { mobile: 'Mobile phone', tablet: 'Tablet', authenticator: 'Authenticator app', passkey: 'Passkey or security key' };

/** The enrolled devices (names come from the portal: rendered as text only). */
export function DeviceList({ devices, actions }: { devices: MfaDevice[]; actions?: (device: MfaDevice) => React.ReactNode }) {
  if (devices.length === 0) return <p className="muted">No devices yet.</p>;
  return (
    <ul className="device-list" aria-label="Your devices">
      {devices.map((device) => (
        <li key={device.id}>
          <div>
            <strong>{device.name}</strong>
            <span className="muted small">
              {' '}
              {KIND[device.kind]}
              {device.phoneNumber ? ` · ${device.phoneNumber}` : ''}
              {device.canPush ? ' · pushes' : ' · passcodes'}
            </span>
          </div>
          {actions?.(device)}
        </li>
      ))}
    </ul>
  );
}
