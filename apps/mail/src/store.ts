/**
 * The caught messages, in memory and capped: a development inbox, not a mail store. The
 * oldest message goes when the cap is reached, so a long-running `npm start` does not grow
 * without bound.
 */
import { isAddressedTo, type CaughtMessage } from './message.js';

/** Which messages to list: all, or those sent to one address. */
export interface MessageFilter {
  to?: string | undefined;
}

export interface MessageStoreOptions {
  /** How many messages to keep; default 500. */
  maxMessages?: number;
}

type Waiter = (message: CaughtMessage) => void;

/**
 * @example
 * ```ts
 * const store = new MessageStore({ maxMessages: 100 });
 * const next = store.waitFor((message) => message.subject.startsWith('Verify'), 5000);
 * store.add(message);
 * (await next).links[0];
 * ```
 */
export class MessageStore {
  readonly maxMessages: number;
  /** Oldest first. */
  #messages: CaughtMessage[] = [];
  #waiters = new Set<Waiter>();
  #lastId = 0;

  constructor({ maxMessages = 500 }: MessageStoreOptions = {}) {
    if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new Error(`maxMessages must be a positive integer, got ${maxMessages}`);
    this.maxMessages = maxMessages;
  }

  /** The id the next message gets. */
  nextId(): string {
    this.#lastId += 1;
    return String(this.#lastId);
  }

  add(message: CaughtMessage): void {
    this.#messages.push(message);
    if (this.#messages.length > this.maxMessages) this.#messages.splice(0, this.#messages.length - this.maxMessages);
    for (const waiter of [...this.#waiters]) waiter(message);
  }

  /** Newest first. */
  list(filter: MessageFilter = {}): CaughtMessage[] {
    const newestFirst = this.#messages.toReversed();
    return filter.to ? newestFirst.filter((message) => isAddressedTo(message, filter.to!)) : newestFirst;
  }

  get(id: string): CaughtMessage | undefined {
    return this.#messages.find((message) => message.id === id);
  }

  clear(): void {
    this.#messages = [];
  }

  /**
   * The newest message already caught that matches, or else the next one to arrive. Clear
   * first when an earlier message could match too (the same address signing up twice).
   * Rejects after `timeoutMs`, or when `abort` fires (the catcher closing).
   */
  waitFor(predicate: (message: CaughtMessage) => boolean, timeoutMs = 10_000, abort?: AbortSignal): Promise<CaughtMessage> {
    const caught = this.list().find(predicate);
    if (caught) return Promise.resolve(caught);
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        abort?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = (message) => {
        let matches: boolean;
        try {
          matches = predicate(message);
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (!matches) return;
        finish();
        resolve(message);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching message within ${timeoutMs} ms (${this.#messages.length} caught)`));
      }, timeoutMs);
      const onAbort = () => {
        finish();
        reject(new Error('the mail catcher was closed while waiting for a message'));
      };
      if (abort?.aborted) return onAbort();
      abort?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }
}
