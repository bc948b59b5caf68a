/**
 * The page's half of dragging a file out: a ticket is fetched ahead of the
 * drag in both shells (Electron included), and `dragstart` puts a
 * `DownloadURL` on the page's own origin (`app://portico` in Electron).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DragOutTicket } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { prepareDragOut, startDragOut } from '../../../../renderer/src/features/transfers/drag-out';
import { useTransfersStore } from '../../../../renderer/src/features/transfers/use-transfers-store';
import { FakeDesktopApi, ok } from '../../fake-desktop-api';

function fakeDataTransfer(): { effectAllowed: string; data: Map<string, string>; setData(type: string, value: string): void } {
  const data = new Map<string, string>();
  return { effectAllowed: 'none', data, setData: (type, value) => void data.set(type, value) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  useTransfersStore.setState(useTransfersStore.getInitialState(), true);
});

describe('drag-out (page)', () => {
  it('in Electron, gets a ticket ahead of the drag and puts an app://portico DownloadURL on it once', async () => {
    vi.stubGlobal('window', { location: { protocol: 'app:', host: 'portico', origin: 'null' } });
    useTransfersStore.setState({ nativeFiles: true });
    const token = 'k'.repeat(43);
    const ticket: DragOutTicket = { url: `/transfers/drag-out/${token}`, name: 'report.pdf', mime: 'application/octet-stream' };
    const api = new FakeDesktopApi().handle('transfers:drag-out-prepare', () => ok(ticket));
    setDesktopApi(api);

    prepareDragOut('/docs/report.pdf');
    await vi.waitFor(() => expect(api.callsTo('transfers:drag-out-prepare')).toEqual([[{ path: '/docs/report.pdf' }]]));
    // The ticket lands after the invoke resolves.
    const drag = fakeDataTransfer();
    await vi.waitFor(() => expect(startDragOut('/docs/report.pdf', drag as unknown as DataTransfer)).toBe(true));
    expect(drag.effectAllowed).toBe('copy');
    expect(drag.data.get('DownloadURL')).toBe(`application/octet-stream:report.pdf:app://portico/transfers/drag-out/${token}`);
    // Single use: the next drag of the same row needs a new ticket.
    expect(startDragOut('/docs/report.pdf', fakeDataTransfer() as unknown as DataTransfer)).toBe(false);
  });

  it('puts nothing on the drag when no ticket came (refused, or no pointer-down first)', async () => {
    vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' } });
    const api = new FakeDesktopApi().handle('transfers:drag-out-prepare', () => ({ ok: false, error: { code: 'invalid_request', message: 'no' } }));
    setDesktopApi(api);
    prepareDragOut('/folder');
    await vi.waitFor(() => expect(api.callsTo('transfers:drag-out-prepare')).toHaveLength(1));
    // Let the refused answer arrive (a macrotask runs after every pending promise callback).
    await new Promise((resolve) => setImmediate(resolve));
    const drag = fakeDataTransfer();
    expect(startDragOut('/folder', drag as unknown as DataTransfer)).toBe(false);
    expect(startDragOut('/never-touched', drag as unknown as DataTransfer)).toBe(false);
    expect(drag.data.size).toBe(0);
  });
});
