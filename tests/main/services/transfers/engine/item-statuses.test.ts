/** Item statuses and batch counts: the last item of a batch to finish ends it, once. */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineEvents } from '../../../../../main/services/transfers/engine/engine-events';
import { ItemStatuses } from '../../../../../main/services/transfers/engine/item-statuses';
import { TransferQueue } from '../../../../../main/services/transfers/engine/transfer-queue';
import type { TransferEventName, TransferItem } from '../../../../../main/services/transfers/engine/types';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

async function queueWith(count: number) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'portico-statuses-'));
  dirs.push(dir);
  const queue = new TransferQueue(path.join(dir, 'queue.jsonl'));
  const batch = queue.addBatch({ direction: 'upload', localRoot: dir, conflict: 'ask' });
  const items: TransferItem[] = Array.from({ length: count }, (_, i) => ({
    id: 0, batchId: batch.id, direction: 'upload', localPath: path.join(dir, `f${i}`), remotePath: `/f${i}`, size: 1, transferred: 0, status: 'queued', attempts: 0,
  }));
  queue.add(items);
  return { queue, batchId: batch.id, items: [...queue.items.values()] };
}

describe('ItemStatuses', () => {
  it('emits every status change and ends the batch when its last item finishes', async () => {
    const { queue, batchId, items } = await queueWith(2);
    const events = new EngineEvents();
    const seen: TransferEventName[] = [];
    const finished: unknown[] = [];
    events.on((event, payload) => {
      seen.push(event);
      if (event === 'batch-finished') finished.push(payload);
    });
    const statuses = new ItemStatuses(queue, events);
    statuses.set(items[0]!, 'running');
    statuses.set(items[0]!, 'verified');
    expect(finished).toEqual([]);
    statuses.set(items[1]!, 'failed', { error: { code: 'remote_error', message: 'no' } });
    // The batch ends inside the last status change, before that item's own event (as the engine always did).
    expect(seen).toEqual(['item', 'item', 'batch-finished', 'item']);
    expect(finished).toEqual([{ batchId, direction: 'upload', succeeded: 1, failed: 1, skipped: 0 }]);
    expect(queue.items.get(items[1]!.id)?.error?.code).toBe('remote_error');
    queue.close();
  });

  it('counts items put back in the queue again', async () => {
    const { queue, items } = await queueWith(1);
    const events = new EngineEvents();
    let finished = 0;
    events.on((event, _payload) => void (event === 'batch-finished' && finished++));
    const statuses = new ItemStatuses(queue, events);
    statuses.set(items[0]!, 'failed');
    expect(finished).toBe(1);
    statuses.set(items[0]!, 'queued');
    statuses.set(items[0]!, 'done');
    expect(finished).toBe(2);
    queue.close();
  });
});
