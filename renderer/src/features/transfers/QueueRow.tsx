import type { TransferItemView } from '../../../../common/contract';
import { formatBytes } from './format';
import { useTransfersStore } from './use-transfers-store';

const STATUS_LABEL: Record<TransferItemView['status'], string> = {
  queued: 'Waiting',
  running: 'Transferring',
  paused: 'Paused',
  conflict: 'Needs an answer',
  done: 'Done',
  verified: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** One queue row: name, status, progress, reason, and its actions. */
export function QueueRow({
  item,
  index,
  total,
  top,
  height,
}: {
  item: TransferItemView | undefined;
  index: number;
  total: number;
  top: number;
  height: number;
}) {
  const { act, move } = useTransfersStore.getState();
  if (!item) {
    return (
      <li
        className="transfers-queue-row muted"
        style={{ top, height }}
        aria-setsize={total}
        aria-posinset={index + 1}
      >
        Loading…
      </li>
    );
  }
  const pending =
    item.status === 'queued' ||
    item.status === 'running' ||
    item.status === 'conflict' ||
    item.status === 'paused';
  const size = Math.max(item.size, 0);
  const arrow = item.direction === 'upload' ? '↑' : '↓';
  return (
    <li
      className={`transfers-queue-row status-${item.status}`}
      style={{ top, height }}
      aria-setsize={total}
      aria-posinset={index + 1}
      data-testid="queue-row"
    >
      <div className="transfers-queue-main">
        <span className="transfers-queue-name" title={item.remotePath}>
          <span aria-label={item.direction === 'upload' ? 'Upload' : 'Download'}>{arrow}</span> {item.name}
        </span>
        <span className="transfers-queue-status">
          {STATUS_LABEL[item.status]}
          {item.status === 'verified' && <span className="transfers-badge">verified</span>}
        </span>
        <progress
          aria-label={`Progress of ${item.name}`}
          max={size || 1}
          value={Math.min(item.transferred, size || 1)}
        />
        <span className="transfers-queue-bytes">
          {formatBytes(item.transferred)} of {formatBytes(item.size)}
        </span>
      </div>
      {/* The reason (or the saved name) and the actions share one line, so a row keeps its height. */}
      <div className="transfers-queue-footer">
        {item.error && (item.status === 'failed' || item.status === 'queued') && (
          <p className="transfers-queue-reason" title={item.error.message}>
            {item.error.message}
          </p>
        )}
        {item.savedAs && (item.status === 'done' || item.status === 'verified') && (
          <p className="transfers-queue-saved-as" title={`Saved as ${item.savedAs}`}>
            Saved as {item.savedAs}
          </p>
        )}
        <div className="transfers-queue-actions">
          {(item.status === 'queued' || item.status === 'running') && (
            <button
              type="button"
              className="button secondary small"
              aria-label={`Pause ${item.name}`}
              onClick={() => void act('pause', [item.id])}
            >
              Pause
            </button>
          )}
          {item.status === 'paused' && (
            <button
              type="button"
              className="button secondary small"
              aria-label={`Resume ${item.name}`}
              onClick={() => void act('resume', [item.id])}
            >
              Resume
            </button>
          )}
          {/* A failed item may keep its part to resume (a full disk): cancelling it removes the part. */}
          {(pending || item.status === 'failed') && (
            <button
              type="button"
              className="button secondary small"
              aria-label={`Cancel ${item.name}`}
              onClick={() => void act('cancel', [item.id])}
            >
              Cancel
            </button>
          )}
          {pending && (
            <>
              <button
                type="button"
                className="button secondary small"
                aria-label={`Move ${item.name} up`}
                disabled={index === 0}
                onClick={() => void move(item.id, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button secondary small"
                aria-label={`Move ${item.name} down`}
                disabled={index >= total - 1}
                onClick={() => void move(item.id, index + 1)}
              >
                ↓
              </button>
            </>
          )}
        </div>
      </div>
    </li>
  );
}
