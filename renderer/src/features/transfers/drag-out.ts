/**
 * Dragging a remote file out of the window to the desktop, in both shells.
 * `dragstart` is synchronous, so a single-use ticket is fetched as soon as
 * the pointer goes down on a file row; the drag then carries
 * `DownloadURL` (`<mime>:<name>:<absolute url>`), which Chromium turns into
 * a download when the drag ends outside the page. The URL is on the page's
 * own origin: the browser host's loopback server, or `app://portico` in
 * Electron (where Windows and macOS honour it; Linux desktops may ignore
 * it). Other browsers simply get no drag data.
 */
import type { DragOutTicket } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** Tickets expire in main after a minute; use them well before. */
const FRESH_MS = 45_000;

const tickets = new Map<string, { ticket: DragOutTicket; at: number }>();

/** Fetches a ticket for `remotePath` ahead of a possible drag. */
export function prepareDragOut(remotePath: string): void {
  const cached = tickets.get(remotePath);
  if (cached && Date.now() - cached.at < FRESH_MS) return;
  void invoke('transfers:drag-out-prepare', { path: remotePath }).then((result) => {
    if (result.ok) tickets.set(remotePath, { ticket: result.value, at: Date.now() });
  });
}

/** The `DownloadURL` value for a ticket: `mime:name:url` (the name has no ':'). */
export function downloadUrlValue(ticket: DragOutTicket, origin: string): string {
  return `${ticket.mime}:${ticket.name}:${origin}${ticket.url}`;
}

/** Puts a ready ticket on the drag (and uses it up: tickets are single-use). */
export function startDragOut(remotePath: string, dataTransfer: DataTransfer): boolean {
  const cached = tickets.get(remotePath);
  tickets.delete(remotePath);
  if (!cached || Date.now() - cached.at >= FRESH_MS) return false;
  dataTransfer.effectAllowed = 'copy';
  // Not `location.origin`: a custom scheme's WHATWG origin may read "null"; protocol + host is `app://portico` either way.
  dataTransfer.setData('DownloadURL', downloadUrlValue(cached.ticket, `${window.location.protocol}//${window.location.host}`));
  return true;
}
