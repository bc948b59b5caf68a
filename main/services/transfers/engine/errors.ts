/**
 * Turns whatever a transfer throws (basic-ftp replies, socket and file
 * system errors) into an item-level reason and a retry decision.
 */
import { FTPError } from 'basic-ftp';
import type { TransferErrorCode } from './types';

/** An error with a reason code the queue can show and act on. */
export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}

const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Classifies an error. Messages never include secrets (tokens never reach basic-ftp messages we keep). */
export function classifyError(error: unknown): TransferError {
  if (error instanceof TransferError) return error;
  if (error instanceof FTPError) {
    const code = error.code;
    const text = error.message.replace(/^\d{3}[ -]/, '').slice(0, 200);
    if (code === 421) return new TransferError('too_many_connections', text, true);
    if (code === 530) return new TransferError('token_revoked', 'The server refused the transfer token');
    if (code === 522 || code === 534) return new TransferError('tls_failed', text);
    if (code === 552) return new TransferError(/^File too large/.test(text) ? 'file_too_large' : 'remote_full', text);
    if (code === 553) return new TransferError('unsafe_name', text);
    if (code === 550) return new TransferError('permission_denied', text);
    if (code >= 400 && code < 500) return new TransferError('interrupted', text, true);
    return new TransferError('remote_error', text);
  }
  const err = error as NodeJS.ErrnoException;
  const message = String(err?.message ?? error).slice(0, 300);
  if (err?.code === 'ENOSPC' || err?.code === 'EDQUOT') return new TransferError('disk_full', 'The disk is full');
  if (err?.code === 'EACCES' || err?.code === 'EPERM' || err?.code === 'EROFS') return new TransferError('permission_denied', message);
  if (message.includes('PASV returned another host')) {
    return new TransferError('pasv_host_refused', 'The server asked for a data connection to another host; refused');
  }
  if (err?.code && NETWORK_CODES.has(err.code)) return new TransferError('connection_failed', message, true);
  if (/timeout|socket|closed|destroyed|premature|hang up|EOF|FIN packet|unexpectedly/i.test(message)) return new TransferError('connection_failed', message, true);
  if (err?.code?.startsWith('ERR_SSL') || err?.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message)) {
    return new TransferError('tls_failed', message);
  }
  return new TransferError('internal', message);
}
