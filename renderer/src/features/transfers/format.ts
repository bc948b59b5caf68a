/** Human sizes, speeds and durations for the transfers view. */

import { formatBytes } from '../../../../common/text/bytes';
import { formatDateTime } from '../../lib/time-format';

export { formatBytes };

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '—';
}

/** `125` → `2 min 5 s left`. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s left`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
}

/** A remote file's modification time, in the app's one date format. */
export function formatDate(iso: string | null): string {
  return formatDateTime(iso);
}
