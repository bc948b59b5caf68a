import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountMfa, MfaDevice } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { deviceNameProblem, MAX_DEVICE_NAME } from '../../../../renderer/src/features/devices/RenameDeviceField';
import { useDevicesStore } from '../../../../renderer/src/features/devices/use-devices-store';
import { FakeDesktopApi, ok } from '../../fake-desktop-api';

const device: MfaDevice = { id: 'd1', kind: 'authenticator', name: 'Work phone', phoneNumber: null, phoneType: null, canPush: false, addedAt: '2026-01-01T00:00:00.000Z' };

let api: FakeDesktopApi;
beforeEach(() => {
  api = new FakeDesktopApi();
  setDesktopApi(api);
  useDevicesStore.setState({ account: { devices: [device] } as unknown as AccountMfa, error: null, notice: null, busy: false });
});

describe('renaming a device', () => {
  it('checks the name before asking the portal', () => {
    expect(deviceNameProblem('  ')).toMatch(/Type a name/);
    expect(deviceNameProblem('x'.repeat(MAX_DEVICE_NAME + 1))).toMatch(/at most 60/);
    expect(deviceNameProblem(' Tablet ')).toBeNull();
  });

  it('saves and shows the new name', async () => {
    api.handle('mfa:rename-device', (request) => ok([{ ...device, name: request.name }]));
    await expect(useDevicesStore.getState().rename('d1', 'Tablet')).resolves.toBeNull();
    expect(useDevicesStore.getState().account?.devices[0]?.name).toBe('Tablet');
    expect(useDevicesStore.getState().notice).toBe('Device renamed.');
  });

  it('answers a refusal for the field, not the page alert', async () => {
    api.handle('mfa:rename-device', () => ({ ok: false, error: { code: 'invalid_request', message: 'Bad name.' } }));
    const message = await useDevicesStore.getState().rename('d1', 'Tablet');
    expect(message).toBeTruthy();
    expect(useDevicesStore.getState().error).toBeNull();
    expect(useDevicesStore.getState().account?.devices[0]?.name).toBe('Work phone');
  });
});
