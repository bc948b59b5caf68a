/**
 * Wires main's `transfers:*` events to the transfers stores (called from the
 * renderer's bootstrap, which also ties the queue to the session). Returns
 * the function that undoes the wiring.
 */
import type { DesktopApi } from '../../../../common/contract';
import { onBatchFinished } from './transfer-actions';
import { useRemoteStore } from './use-remote-store';
import { useTransfersStore } from './use-transfers-store';

export function wireTransferEvents(api: DesktopApi): () => void {
  const store = () => useTransfersStore.getState();
  const offs = [
    api.on('transfers:progress', (p) => store().applyProgress(p.totals, p.active)),
    api.on('transfers:item', (item) => store().applyItem(item)),
    api.on('transfers:queue-changed', (queue) => store().applyQueue(queue)),
    api.on('transfers:conflict', (conflict) => store().addConflict(conflict)),
    api.on('transfers:batch-finished', (result) => {
      store().announceBatch(result);
      if (result.direction === 'upload') void useRemoteStore.getState().refresh();
      void onBatchFinished(result.batchId);
    }),
  ];
  return () => offs.forEach((off) => off());
}
