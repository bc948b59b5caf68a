/**
 * Dropping onto the window: what the drop delivered is uploaded into the
 * folder the browser shows, and a drop whose folders cannot be read says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { uploadDropped } from '../../../../renderer/src/features/transfers/transfer-actions';
import { useTransfersStore } from '../../../../renderer/src/features/transfers/use-transfers-store';
import { FakeDesktopApi } from '../../fake-desktop-api';

afterEach(() => {
  useTransfersStore.setState(useTransfersStore.getInitialState(), true);
});

describe('uploadDropped', () => {
  it('tells the user when the dropped items could not be read, and uploads nothing', async () => {
    const api = new FakeDesktopApi();
    setDesktopApi(api);
    await uploadDropped(Promise.reject(new DOMException('A requested file could not be read', 'NotReadableError')));
    expect(useTransfersStore.getState().error).toMatch(/could not be read/);
    expect(api.calls.length).toBe(0);
  });

  it('uploads nothing and reports nothing for an empty drop', async () => {
    const api = new FakeDesktopApi();
    setDesktopApi(api);
    await uploadDropped(Promise.resolve([]));
    expect(useTransfersStore.getState().error).toBeNull();
    expect(api.calls.length).toBe(0);
  });
});
