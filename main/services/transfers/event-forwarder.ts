/**
 * Forwards one user's engine events as `transfers:*` events, keeps the
 * record of open conflicts and staged batches current, and notifies when a
 * batch ends.
 */
import type { BatchResult, TransfersQueueState } from '../../../common/contract';
import type { EventHub, Notifier } from '../../ports';
import type { TransferListener } from './engine';
import type { UserEngine } from './user-engine';
import { taskbarProgress, toConflictView, toItemView } from './views';

/** The desktop notification for a finished batch. */
export function batchNotice(result: Omit<BatchResult, 'batchId'>): { title: string; body: string } {
  const what = result.direction === 'upload' ? 'Upload' : 'Download';
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  if (result.failed > 0) return { title: `${what} finished with errors`, body: `${files(result.failed)} failed, ${files(result.succeeded)} done.` };
  return { title: `${what} finished`, body: `${files(result.succeeded)} done${result.skipped ? `, ${result.skipped} skipped` : ''}.` };
}

/** What {@link engineEventForwarder} needs from the service. */
export interface ForwarderContext {
  events: EventHub;
  notifier: Notifier;
  /** False once another user's engine replaced this one. */
  isCurrent(): boolean;
  queueState(): TransfersQueueState;
}

/** Forwards one user's engine events as `transfers:*` events, and notifies when a batch ends. */
export function engineEventForwarder(user: UserEngine, ctx: ForwarderContext): TransferListener {
  const events = ctx.events;
  return (event, payload) => {
    if (!ctx.isCurrent()) return;
    switch (event) {
      case 'progress': {
        events.emit('transfers:progress', { totals: payload.totals, active: payload.active });
        events.emit('transfers:taskbar-progress', taskbarProgress(payload.totals, ctx.queueState()));
        break;
      }
      case 'item': {
        if (payload.status !== 'conflict') user.conflicts.delete(payload.id);
        events.emit('transfers:item', toItemView(payload));
        break;
      }
      case 'queue-changed': {
        for (const id of [...user.conflicts.keys()]) if (user.engine.item(id)?.status !== 'conflict') user.conflicts.delete(id);
        events.emit('transfers:queue-changed', { ...ctx.queueState(), items: payload.items });
        events.emit('transfers:taskbar-progress', taskbarProgress(user.engine.totals(), ctx.queueState()));
        break;
      }
      case 'conflict': {
        const view = toConflictView(payload);
        user.conflicts.set(view.itemId, view);
        events.emit('transfers:conflict', view);
        break;
      }
      case 'batch-finished': {
        events.emit('transfers:batch-finished', payload);
        const notice = batchNotice(payload);
        ctx.notifier.notify(notice.title, notice.body);
        const staged = user.stagedBatches.get(payload.batchId);
        if (staged && payload.failed === 0) {
          user.stagedBatches.delete(payload.batchId);
          void user.staging.remove(staged);
        }
        break;
      }
      default:
        break;
    }
  };
}
