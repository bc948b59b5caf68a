/**
 * The typed event bus services use to tell the UI and the tray that
 * something changed. Services subscribe to the events they need (`on`);
 * shells forward every event (`onAny`).
 */
import type { EventChannel, EventChannels } from '../../../common/contract';
import type { AnyEventListener, EventHub, EventListener } from '../../ports';

/** One subscription: to one event, or to all of them (`event` null). */
interface Subscription {
  event: EventChannel | null;
  deliver(event: EventChannel, payload: EventChannels[EventChannel]): void;
}

/**
 * Creates an in-process event hub. Listeners run in subscription order,
 * whatever they subscribed to. A throwing listener is isolated so one broken
 * subscriber (e.g. a closed window) cannot stop the others or the service
 * that emitted.
 */
export function createEventHub(onListenerError: (error: unknown) => void = () => {}): EventHub {
  const subscriptions = new Set<Subscription>();
  const subscribe = (subscription: Subscription) => {
    subscriptions.add(subscription);
    return () => {
      subscriptions.delete(subscription);
    };
  };
  return {
    emit(event, payload) {
      for (const subscription of [...subscriptions]) {
        if (subscription.event !== null && subscription.event !== event) continue;
        try {
          subscription.deliver(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on<E extends EventChannel>(event: E, listener: EventListener<E>) {
      // The hub's one cast: `emit` only delivers `event`'s own payload to this subscription,
      // but TypeScript cannot narrow a generic `E` from `subscription.event === event`.
      return subscribe({ event, deliver: (_event, payload) => listener(payload as EventChannels[E]) });
    },
    onAny(listener: AnyEventListener) {
      return subscribe({ event: null, deliver: listener });
    },
  };
}
