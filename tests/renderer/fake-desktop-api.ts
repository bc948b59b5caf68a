import type {
  AppTile,
  AuthState,
  DesktopApi,
  EventChannel,
  EventChannels,
  InvokeArgs,
  InvokeChannel,
  InvokeValue,
  Result,
} from '../../common/contract';

type Handler<C extends InvokeChannel> = (...args: InvokeArgs<C>) => Result<InvokeValue<C>> | Promise<Result<InvokeValue<C>>>;

/** Records every call; each channel answers from a handler the test sets. */
export class FakeDesktopApi implements DesktopApi {
  readonly calls: Array<{ channel: InvokeChannel; args: unknown[] }> = [];
  private readonly handlers = new Map<InvokeChannel, (...args: never[]) => unknown>();
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  /** Sets how a channel answers. */
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (...args: never[]) => unknown);
    return this;
  }

  async invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<InvokeValue<C>>> {
    this.calls.push({ channel, args });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
    return (await (handler as unknown as Handler<C>)(...args)) as Result<InvokeValue<C>>;
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Pushes an event to every subscriber, like main would. */
  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventChannels[E]) => void)(payload);
  }

  /** How many subscribers an event has (to check unsubscribing). */
  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls made on one channel, with their arguments. */
  callsTo(channel: InvokeChannel): unknown[][] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.args);
  }
}

/** A success Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A tile with sensible defaults for tests. */
export function tile(overrides: Partial<AppTile> & Pick<AppTile, 'id' | 'name'>): AppTile {
  return {
    description: `${overrides.name} description`,
    icon: overrides.id,
    kind: 'app',
    methods: ['ica', 'web'],
    favorite: false,
    lastLaunchedAt: null,
    ...overrides,
  };
}

/** A promise with its resolver exposed, to hold an answer back mid-test. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The portal the renderer tests sign in to. */
export const PORTAL = 'https://portal.example.test';

/** The demo user signed in to {@link PORTAL}. */
export const signedIn: AuthState = {
  status: 'signed-in',
  portalUrl: PORTAL,
  user: { username: 'demo', displayName: 'Demo User', roles: ['user'] },
  idleExpiresAt: '2030-01-01T00:00:00.000Z',
};

/** A fake for the browser shell on {@link PORTAL}: app info and the portal's branding answer; the rest is up to the test. */
export function browserShellApi(): FakeDesktopApi {
  return new FakeDesktopApi()
    .handle('app:get-info', () => ok({ version: '0.1.0', shell: 'browser', platform: 'linux', defaultPortalUrl: PORTAL }))
    .handle('portal:get-branding', () => ok({ name: 'Demo Cloud', supportPhones: [], supportEmail: 'help@example.test' }));
}
