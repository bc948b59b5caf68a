/**
 * CSV (RFC 4180) of audit events. Every cell is quoted; cells that a
 * spreadsheet would run as a formula (`= + - @`, tab, CR) get a leading `'`
 * so a hostile name in the log cannot become code on a manager's machine.
 */
import type { AuditEventView } from './audit-query';

/** Column headers of the export. */
export const AUDIT_CSV_HEADER = ['time', 'type', 'actor', 'user', 'detail'] as const;

/** One safe, quoted CSV cell. */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${defused.replace(/"/g, '""')}"`;
}

/** The whole export, CRLF line ends, header first. */
export function auditToCsv(events: readonly AuditEventView[]): string {
  const lines = [AUDIT_CSV_HEADER.map(csvCell).join(',')];
  for (const event of events) {
    lines.push([event.at, event.type, event.actor, event.username ?? '', JSON.stringify(event.detail)].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
