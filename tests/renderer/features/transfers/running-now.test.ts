/**
 * The running items stay in view: the store keeps every running item (from
 * `transfers:item`), also those whose rows are scrolled out of the loaded
 * window, so the queue pins them above the list; a finished one leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferItemView } from '../../../../common/contract';
import { useTransfersStore } from '../../../../renderer/src/features/transfers/use-transfers-store';

afterEach(() => useTransfersStore.setState(useTransfersStore.getInitialState(), true));

const item = (id: number, status: TransferItemView['status']): TransferItemView => ({
  id,
  batchId: 1,
  direction: 'upload',
  name: `file ${id}.bin`,
  remotePath: `/file ${id}.bin`,
  size: 100,
  transferred: 0,
  status,
  attempts: 0,
});

describe('running now', () => {
  it('tracks running items whose rows are not loaded, and drops them when they end', () => {
    const store = useTransfersStore.getState();
    expect(useTransfersStore.getState().rows.size).toBe(0);
    store.applyItem(item(5000, 'running'));
    store.applyItem(item(7, 'running'));
    expect(
      Object.keys(useTransfersStore.getState().running)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([7, 5000]);
    store.applyItem(item(5000, 'verified'));
    store.applyItem(item(7, 'failed'));
    store.applyItem(item(8, 'queued'));
    expect(useTransfersStore.getState().running).toEqual({});
  });
});
