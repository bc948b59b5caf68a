/**
 * Wires main's `transfers:*` events to the transfers stores (called from the
 * renderer's bootstrap). Returns the function that undoes the wiring.
 */
import type { DesktopApi } from '../../../../preload/contract';
import { useAuthStore } from '../auth/use-auth-store';
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
    // A new session (or the same user back after an expiry) re-reads the queue; an explicit sign-out forgets the folder.
    useAuthStore.subscribe((state, previous) => {
      if (state.auth?.status === 'signed-in' && previous.auth?.status !== 'signed-in') void store().load();
      else if (state.auth?.status === 'signed-out' && state.auth.reason === 'signed-out') useRemoteStore.getState().reset();
    }),
  ];
  return () => offs.forEach((off) => off());
}
