import type { ApiError, InvokeArgs, InvokeChannel, InvokeValue, Result } from '../../../common/contract';
import { desktopApi } from '../desktop-api';

/** Told about every invoke outcome, so cross-cutting UI (banner, expiry) can react. */
export interface InvokeObserver {
  onError?(channel: InvokeChannel, error: ApiError): void;
  onSuccess?(channel: InvokeChannel): void;
}

const observers = new Set<InvokeObserver>();

/** Registers an observer of invoke outcomes; returns the unregister function. */
export function observeInvokes(observer: InvokeObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * Calls main through the DesktopApi. A transport that throws (the browser
 * host went away, say) is turned into a `connection_failed` Result so that
 * callers only ever branch on `ok`.
 */
export async function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<Result<InvokeValue<C>>> {
  let result: Result<InvokeValue<C>>;
  try {
    result = await desktopApi().invoke(channel, ...args);
  } catch {
    result = {
      ok: false,
      error: { code: 'connection_failed', message: 'The connection to Portico was interrupted.' },
    };
  }
  for (const observer of observers) {
    if (result.ok) observer.onSuccess?.(channel);
    else observer.onError?.(channel, result.error);
  }
  return result;
}

/** The host part of a portal address for messages ("portal.example.com"); the input itself if it is not a URL. */
export function portalHost(portalUrl: string): string {
  try {
    return new URL(portalUrl).host || portalUrl;
  } catch {
    return portalUrl;
  }
}
