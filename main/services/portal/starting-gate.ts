/**
 * Start in parallel: the shell starts the local reference portal and the
 * client at the same time, so the sign-in form paints while the portal is
 * still opening its database. Until the portal is up, requests to it wait
 * here (before their timeout starts) instead of failing with "connection
 * refused"; the sign-in form says "Starting the portal…" meanwhile.
 */

/** Holds requests to one origin until the portal there has started. */
export interface PortalStartingGate {
  /** Resolves at once for other origins, or once the portal has started (or failed to). */
  wait(url: string): Promise<void>;
  /** True until the portal has started (or failed to). */
  starting(): boolean;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A failed start lets requests through, so they fail the ordinary way
 * (connection_failed). `onStarted` runs once, when `started` settles.
 */
export function portalStartingGate(
  portalUrl: string,
  started: Promise<unknown>,
  onStarted: () => void = () => undefined,
): PortalStartingGate {
  let pending = true;
  const settled = started.then(
    () => undefined,
    () => undefined,
  );
  void settled.then(() => {
    pending = false;
    onStarted();
  });
  const origin = originOf(portalUrl);
  return {
    wait: (url) => (pending && origin !== null && originOf(url) === origin ? settled : Promise.resolve()),
    starting: () => pending,
  };
}
