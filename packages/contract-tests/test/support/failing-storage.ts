// A storage that fails on demand, for driving every operation's documented 500 through the
// real API. It wraps any object graph and knows nothing of its shape (which objects, which
// methods): a new resource's storage fails too, without an edit here.

/** A wrapped storage and its switch. */
export interface FailingStorage<T> {
  /** The wrapped object graph: pass it where the app takes its storage. */
  storage: T;
  /** From now on, every function reached through `storage` rejects. */
  arm(): void;
  /** From now on, every call goes through to the real storage again (for seeding, for closing). */
  heal(): void;
  /** The calls that were failed so far, as property paths (`principals.findByTokenHash`). */
  failures(): readonly string[];
}

/**
 * Wraps `target` in a Proxy: while armed, every function property at any depth rejects with
 * an "injected storage fault" error instead of running; objects reached through a property
 * are wrapped the same way; other values pass through. It starts healed, so the app can be
 * built and seeded first.
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
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            if (!armed) return Reflect.apply(value, real, args);
            failed.push(where);
            return Promise.reject(new Error(`injected storage fault: ${where}`));
          };
        }
        return value !== null && typeof value === 'object' ? wrap(value, where) : value;
      },
    });
    wrappers.set(object, proxy);
    return proxy;
  };

  return {
    storage: wrap(target, ''),
    arm: () => void (armed = true),
    heal: () => void (armed = false),
    failures: () => [...failed],
  };
}
