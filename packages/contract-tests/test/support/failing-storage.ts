// Storages that misbehave on demand, for driving documented answers through the real API that
// only a broken or slow database produces: every operation's 500, and a request still in
// flight (an Idempotency-Key's 409). They wrap any object graph and know nothing of its shape
// (which objects, which methods): a new resource's storage is covered without an edit here.

/** Decides what a call through the wrapper does: `undefined` lets it through. */
type Interceptor = (where: string, run: () => unknown) => unknown;

/**
 * Wraps `target` in a Proxy: every function property at any depth goes through `intercept`
 * (with its property path, `users.findByTokenHash`); objects reached through a property are
 * wrapped the same way; other values pass through.
 */
function intercepted<T extends object>(target: T, intercept: Interceptor): T {
  const wrappers = new WeakMap<object, object>();
  const wrap = <O extends object>(object: O, path: string): O => {
    const known = wrappers.get(object);
    if (known) return known as O;
    const proxy = new Proxy(object, {
      get(real, key) {
        // The real object is the receiver, so getters and private fields keep working.
        const value: unknown = Reflect.get(real, key, real);
        if (typeof key === 'symbol') return value;
        const where = path ? `${path}.${key}` : key;
        if (typeof value === 'function') return (...args: unknown[]) => intercept(where, () => Reflect.apply(value, real, args));
        return value !== null && typeof value === 'object' ? wrap(value, where) : value;
      },
    });
    wrappers.set(object, proxy);
    return proxy;
  };
  return wrap(target, '');
}

/** A wrapped storage and its switch. */
export interface FailingStorage<T> {
  /** The wrapped object graph: pass it where the app takes its storage. */
  storage: T;
  /** From now on, every function reached through `storage` rejects. */
  arm(): void;
  /** From now on, every call goes through to the real storage again (for seeding, for closing). */
  heal(): void;
  /** The calls that were failed so far, as property paths (`users.findByTokenHash`). */
  failures(): readonly string[];
}

/**
 * While armed, every call rejects with an "injected storage fault" error instead of running.
 * It starts healed, so the app can be built and seeded first.
 *
 * @example
 * ```ts
 * const fault = failingStorage(realRepository);
 * const api = createApp({ repository: fault.storage });
 * await api.app.ready();
 * fault.arm(); // every request that touches the storage now fails inside the API
 * ```
 */
export function failingStorage<T extends object>(target: T): FailingStorage<T> {
  let armed = false;
  const failed: string[] = [];
  const storage = intercepted(target, (where, run) => {
    if (!armed) return run();
    failed.push(where);
    return Promise.reject(new Error(`injected storage fault: ${where}`));
  });
  return { storage, arm: () => void (armed = true), heal: () => void (armed = false), failures: () => [...failed] };
}

/** A promise and its resolve (Promise.withResolvers needs Node 22). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** A wrapped storage whose matching calls can be held back. */
export interface StallingStorage<T> {
  storage: T;
  /** From now on, calls whose path matches wait (until `release`). */
  hold(matches: (where: string) => boolean): void;
  /** Lets every held call (and later ones) run. */
  release(): void;
  /** Resolves once a call is being held. */
  held(): Promise<void>;
}

/**
 * Holds calls back while told to, so a request stays in flight as long as a test needs.
 *
 * @example
 * ```ts
 * const slow = stallingStorage(realRepository);
 * slow.hold((where) => where.startsWith('outbox.'));
 * const first = fetch(...); await slow.held(); // the first request is in flight now
 * ```
 */
export function stallingStorage<T extends object>(target: T): StallingStorage<T> {
  let matches: ((where: string) => boolean) | undefined;
  let gate = deferred();
  let holding = deferred();
  const storage = intercepted(target, (where, run) => {
    if (!matches?.(where)) return run();
    holding.resolve();
    return gate.promise.then(run);
  });
  return {
    storage,
    hold: (which) => {
      matches = which;
      gate = deferred();
      holding = deferred();
    },
    release: () => {
      matches = undefined;
      gate.resolve();
    },
    held: () => holding.promise,
  };
}
