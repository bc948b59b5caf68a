/** The engine's event listeners: whoever subscribed with `TransferEngine.on`. */
import type { TransferEvent, TransferListener } from './types';

/** What the engine's parts use to announce something. */
export interface EventSink {
  emit(...event: TransferEvent): void;
}

/** Subscribers of one engine, told in the order they subscribed. */
export class EngineEvents implements EventSink {
  private readonly listeners = new Set<TransferListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: TransferListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...event: TransferEvent): void {
    for (const listener of this.listeners) listener(...event);
  }
}
