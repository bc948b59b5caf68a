/**
 * The event listeners of one transport (Electron ipc or the browser host's
 * WebSocket), by event name. Both transports receive every event on one
 * channel and hand each to the listeners of its name; a throwing listener
 * must not stop the others.
 */

type Listener = (payload: unknown) => void;

/** Listeners by event name. */
export interface ListenerRegistry {
  /** Adds a listener for `event`; returns its unsubscribe. */
  on(event: string, listener: Listener): () => void;
  /** Calls the listeners of `event` (those registered when delivery starts), each isolated. */
  deliver(event: string, payload: unknown): void;
}

/** Creates an empty registry. */
export function createListenerRegistry(): ListenerRegistry {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    deliver(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch {
          // A faulty page listener must not stop the others.
        }
      }
    },
  };
}
