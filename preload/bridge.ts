/**
 * Builds the renderer's `DesktopApi` from a shell-provided transport. Pure:
 * the same code backs `window.portico` in Electron (ipc transport) and the
 * browser host (WebSocket transport), so the renderer cannot tell them apart.
 */
import type {
  BridgeTransport,
  DesktopApi,
  EventChannel,
  EventChannels,
  InvokeArgs,
  InvokeChannel,
  InvokeValue,
  Result,
} from '../common/contract';

/** Answer used when the transport itself fails; errors never cross as thrown objects. */
function transportFailure(): Result<never> {
  return {
    ok: false,
    error: { code: 'connection_failed', message: 'The desktop service is not reachable.' },
  };
}

/** Creates the DesktopApi; `on` returns its own unsubscribe function. */
export function createDesktopApi(transport: BridgeTransport): DesktopApi {
  return {
    invoke: async <C extends InvokeChannel>(
      channel: C,
      ...args: InvokeArgs<C>
    ): Promise<Result<InvokeValue<C>>> => {
      try {
        // The transport hands back whatever main answered; main only ever answers Results.
        return (await transport.invoke(channel, args)) as Result<InvokeValue<C>>;
      } catch {
        return transportFailure();
      }
    },
    on: <E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) => {
      let active = true;
      const off = transport.on(event, (payload) => {
        if (active) listener(payload as EventChannels[E]);
      });
      return () => {
        if (!active) return;
        active = false;
        off();
      };
    },
  };
}
