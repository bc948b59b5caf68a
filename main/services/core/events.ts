/**
 * The typed event bus services use to tell the UI and the tray that
 * something changed. Shells subscribe once and forward every event.
 */
import type { EventChannel, EventChannels } from '../../../preload/contract';
import type { EventHub } from '../../ports';

type Listener = <E extends EventChannel>(event: E, payload: EventChannels[E]) => void;

/**
 * Creates an in-process event hub. A throwing listener is isolated so one
 * broken subscriber (e.g. a closed window) cannot stop the others or the
 * service that emitted.
 */
export function createEventHub(onListenerError: (error: unknown) => void = () => {}): EventHub {
  const listeners = new Set<Listener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
