/** Speed and ETA for the engine's `progress` events. */
import type { ActiveItemProgress, TransferItem, TransferTotals } from './types';

/** The queue's overall speed: a moving average of the bytes moved between samples. */
export class ProgressMeter {
  private bytesMoved = 0;
  private speed = { at: 0, bytes: 0, bps: 0 };

  /** Counts bytes that just went over the wire. */
  moved(bytes: number): void {
    this.bytesMoved += bytes;
  }

  /** Takes a sample at `now` (ms), weighting the new speed 30 %. */
  sample(now: number): void {
    const dt = (now - this.speed.at) / 1000;
    if (dt > 0) {
      const sample = (this.bytesMoved - this.speed.bytes) / dt;
      this.speed.bps = this.speed.at === 0 ? sample : this.speed.bps * 0.7 + sample * 0.3;
      this.speed = { at: now, bytes: this.bytesMoved, bps: this.speed.bps };
    }
  }

  get bytesPerSecond(): number {
    return this.speed.bps;
  }
}

/**
 * The queue's totals with the speed and the time left. `bytesLeft` counts
 * only what is still to move (waiting and running items), not failed files
 * or conflicts: the time left is null when nothing moves or there is no
 * speed yet, and the speed is 0 while nothing runs.
 */
export function withSpeed(totals: Omit<TransferTotals, 'bytesPerSecond' | 'etaSeconds'>, bps: number, bytesLeft: number): TransferTotals {
  const moving = totals.queued + totals.running > 0 && bytesLeft > 0;
  // The average decays for a while after the last byte: nothing running means no speed.
  const speed = totals.running > 0 ? Math.round(bps) : 0;
  return { ...totals, bytesPerSecond: speed, etaSeconds: speed > 0 && moving ? Math.ceil(bytesLeft / bps) : null };
}

/** Each running item's progress, with its own average speed since it started. */
export function activeProgress(
  active: ReadonlyMap<number, { startedAt: number; startBytes: number }>,
  items: ReadonlyMap<number, TransferItem>,
  now: number,
): ActiveItemProgress[] {
  return [...active.entries()].map(([id, slot]) => {
    const item = items.get(id);
    const seconds = (now - slot.startedAt) / 1000;
    const moved = (item?.transferred ?? 0) - slot.startBytes;
    return { id, transferred: item?.transferred ?? 0, size: item?.size ?? -1, bytesPerSecond: seconds > 0 ? Math.round(moved / seconds) : 0 };
  });
}
