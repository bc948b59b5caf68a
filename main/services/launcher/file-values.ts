/**
 * Guards for values written into ICA/RDP files. Every value comes from the
 * portal and is hostile: a CR/LF would start a new line (a new setting), a
 * NUL truncates in native parsers, and brackets in a section name open a new
 * section.
 */
import { isSafeLine } from '../../../common/text/guard';
import { PortalError } from '../core/errors';

/** Rejects CR, LF, NUL and every other unsafe character (see common/text/guard) anywhere in a value. */
export function lineValue(field: string, value: string): string {
  if (!isSafeLine(value)) throw blocked(field);
  return value;
}

/** A value used as (or inside) a section name or a key: no brackets, `=` or leading `;`. */
export function sectionValue(field: string, value: string): string {
  lineValue(field, value);
  if (/[[\]=]/.test(value) || value.trim() !== value || value.startsWith(';') || value.length === 0) throw blocked(field);
  return value;
}

/** Joins lines with CRLF, as Windows clients expect, ending with a CRLF. */
export function crlf(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

function blocked(field: string): PortalError {
  return new PortalError('launch_blocked', `The portal sent a launch file Portico will not open (unsafe ${field}).`);
}
