import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ActiveItemProgress, TransferItemView } from '../../../../common/contract';
import { useHostStore } from '../../lib/use-host-store';
import { formatBytes, formatEta, formatSpeed } from './format';
import { QueueRow } from './QueueRow';
import { useTransfersStore } from './use-transfers-store';

/** Row height in px; the list renders only the rows in view (plus a margin). */
const ROW_HEIGHT = 88;
const OVERSCAN = 6;

const WAIT_REASONS: Record<string, string> = {
  session_expired: 'Your session ended. Transfers are paused and continue after you sign in again.',
  credentials_expired: 'The transfer sign-in expired. Getting a new one…',
  token_revoked: 'The portal ended the transfer sign-in. Transfers continue after you sign in again.',
  unavailable: 'Connecting to the portal’s file service…',
};

/** Browser host: how much of the picked files main has received, before the queue has them. */
function StagingProgress({ staged, total }: { staged: number; total: number }) {
  const percent = total > 0 ? Math.floor((staged / total) * 100) : 100;
  return (
    <div className="transfers-staging">
      <label htmlFor="transfers-staging-progress">
        Preparing upload: {formatBytes(staged)} of {formatBytes(total)} ({percent}%)
      </label>
      <progress id="transfers-staging-progress" max={Math.max(total, 1)} value={Math.min(staged, Math.max(total, 1))} />
    </div>
  );
}

/** The items running now, pinned above the list: in view however far the queue is scrolled. */
function RunningNow({ items, active }: { items: TransferItemView[]; active: Record<number, ActiveItemProgress> }) {
  if (items.length === 0) return null;
  return (
    <ul className="transfers-running" aria-label="Running now">
      {items.map((item) => {
        const done = active[item.id]?.transferred ?? item.transferred;
        const size = active[item.id]?.size ?? item.size;
        const percent = size > 0 ? Math.floor((Math.min(done, size) / size) * 100) : 0;
        return (
          <li key={item.id}>
            <span className="transfers-queue-name">
              {item.direction === 'upload' ? '↑' : '↓'} {item.name}
            </span>
            <span className="transfers-queue-bytes">{percent}%</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The persistent queue: totals, queue-wide actions and a virtualized list. */
export function QueuePanel() {
  const { queue, totals, rows, ensureRows, act, retryFailed, clearFinished, staging, running, active } = useTransfersStore(
    useShallow((s) => ({
      queue: s.queue,
      totals: s.totals,
      rows: s.rows,
      ensureRows: s.ensureRows,
      act: s.act,
      retryFailed: s.retryFailed,
      clearFinished: s.clearFinished,
      staging: s.staging,
      running: s.running,
      active: s.active,
    })),
  );
  const hostLost = useHostStore((s) => s.lost);
  const listRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 480 });
  const count = queue.items;
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (count > 0) void ensureRows(first, last);
  }, [first, last, count, rows, ensureRows]);

  const percent = totals.totalBytes > 0 ? Math.round((totals.transferredBytes / totals.totalBytes) * 100) : 0;
  const paused = queue.state === 'paused';
  const visible = [];
  for (let i = first; i <= last; i++) visible.push(i);

  return (
    <section className="transfers-queue" aria-labelledby="queue-title">
      <h2 id="queue-title">Queue</h2>
      {queue.state === 'waiting-credentials' && queue.reason && (
        <p className="transfers-wait" role="status">
          {WAIT_REASONS[queue.reason]}
        </p>
      )}
      {staging && <StagingProgress staged={staging.staged} total={staging.total} />}
      <div className="transfers-totals">
        <label htmlFor="transfers-total-progress">
          Total: {formatBytes(totals.transferredBytes)} of {formatBytes(totals.totalBytes)} ({percent}%)
        </label>
        <progress id="transfers-total-progress" max={Math.max(totals.totalBytes, 1)} value={Math.min(totals.transferredBytes, Math.max(totals.totalBytes, 1))} />
        <p className="muted">
          {totals.running} running · {totals.queued} waiting · {totals.finished} done · {totals.failed} failed
          {totals.running > 0 && !hostLost && ` · ${formatSpeed(totals.bytesPerSecond)} ${formatEta(totals.etaSeconds)}`.trimEnd()}
        </p>
      </div>
      <div className="transfers-toolbar">
        <button type="button" className="button secondary small" onClick={() => void act(paused ? 'resume' : 'pause')}>
          {paused ? 'Resume all' : 'Pause all'}
        </button>
        <button type="button" className="button secondary small" onClick={() => void act('cancel')} disabled={totals.queued + totals.running + totals.conflicts === 0}>
          Cancel all
        </button>
        <button type="button" className="button secondary small" onClick={() => void retryFailed()} disabled={totals.failed === 0}>
          Retry failed
        </button>
        <button type="button" className="button secondary small" onClick={() => void clearFinished()}>
          Clear finished
        </button>
      </div>
      <RunningNow items={Object.values(running)} active={active} />
      <div
        ref={listRef}
        className="transfers-queue-scroll"
        tabIndex={0}
        aria-label="Transfer queue, scrollable"
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        {count === 0 ? (
          <p className="muted">Nothing in the queue. Drop files anywhere on the window to upload them.</p>
        ) : (
          <ul className="transfers-queue-list" aria-label="Transfer queue" style={{ height: count * ROW_HEIGHT }}>
            {visible.map((i) => (
              <QueueRow key={rows.get(i)?.id ?? `i${i}`} item={rows.get(i)} index={i} total={count} top={i * ROW_HEIGHT} height={ROW_HEIGHT} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
