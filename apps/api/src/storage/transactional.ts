/**
 * What a service that changes several storages at once receives: those storages, and a
 * transaction that opens the same ones on one connection. Generic, so the storage layer
 * names no resource: each service states the storages it needs
 * (`Transactional<{ users: UserStorage; outbox: OutboxStorage }>`), and the app's whole
 * repository, which has every storage, is one.
 */
export type Transactional<Storages> = Storages & {
  /**
   * Runs `work` with the storages opened on one transaction: committed when it resolves,
   * rolled back when it throws (the error rethrown). Use only `tx` inside: a query through
   * the outer storages runs outside the transaction (on SQLite it waits for the transaction,
   * which waits for it: a deadlock).
   *
   * @example
   * ```ts
   * const emailId = await repository.transaction(async (tx) => {
   *   await tx.users.create(user);
   *   return tx.outbox.enqueue({ to: user.email, subject: 'Confirm your email', text }, now);
   * });
   * ```
   */
  transaction<T>(work: (tx: Storages) => Promise<T>): Promise<T>;
};
