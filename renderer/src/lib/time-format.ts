/**
 * One way to show a moment everywhere in the app: the user's locale through
 * `Intl`, a medium date with a short time ("3 Dec 2026, 16:22"), or the time
 * alone for moments of the same day (lock-outs, pushes). Anything that is not
 * a valid moment shows as "—".
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function toDate(moment: string | number | Date | null | undefined): Date | null {
  if (moment === null || moment === undefined || moment === '') return null;
  const date = moment instanceof Date ? moment : new Date(moment);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date and time in the user's locale, or "—". */
export function formatDateTime(moment: string | number | Date | null | undefined): string {
  const date = toDate(moment);
  return date ? dateTime.format(date) : '—';
}

/** A time of day in the user's locale, or "—". */
export function formatTime(moment: string | number | Date | null | undefined): string {
  const date = toDate(moment);
  return date ? timeOnly.format(date) : '—';
}
