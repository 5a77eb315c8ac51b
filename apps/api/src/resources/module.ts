/**
 * What a resource module is: a name, the storage it opens on the shared database, and the
 * handlers it serves. `resources/index.ts` lists the modules; the app's storage (the
 * aggregate `Repository`) and its handler table are derived from that list.
 */
import type { Handlers, OperationId } from '@astral/server';
import type { AnyTables, StorageContext } from '../storage/context.js';
import type { Repository } from '../storage/repository.js';
import type { OidcSettings } from './auth/id-tokens.js';
import type { Principal } from '../domain/principal.js';

/** What the account operations need beyond the repository (its outbox and rate limits included). */
export interface AccountParts {
  /** Where emailed links point (`APP_URL`). */
  appUrl: string;
  /** The OpenID Connect issuer of Firebase ID tokens; absent, the exchange refuses every token. */
  oidc: OidcSettings | undefined;
}

/** What a module's handlers are built from. */
export interface ResourceContext {
  /** Every resource's storage (a service takes the ones it needs). */
  repository: Repository;
  /** The clock. */
  now: () => Date;
  /** What the account operations need beyond the repository. */
  accounts: AccountParts;
}

/** A resource module; both parts optional (a resource may store nothing, or serve nothing yet). */
export interface ResourceModule<Name extends string, Storage, ModuleHandlers extends Partial<Handlers<Principal>>> {
  /** The key of its storage in the `Repository` (`repository.races`). */
  name: Name;
  /** Opens its storage on the shared database (typed with its own tables). */
  storage?: (context: StorageContext<AnyTables>) => Storage;
  /** Its handlers, one per operationId it serves. */
  handlers?: (context: ResourceContext) => ModuleHandlers;
}

/**
 * Declares a resource module, keeping its name and types exact for the derivations.
 *
 * @example
 * ```ts
 * export const races = defineResource({
 *   name: 'races',
 *   storage: openRaceStorage,
 *   handlers: ({ repository, now }) => raceHandlers(new RaceService({ races: repository.races, now })),
 * });
 * ```
 */
export function defineResource<
  const Name extends string,
  Storage = never,
  ModuleHandlers extends Partial<Handlers<Principal>> = Record<never, never>,
>(module: ResourceModule<Name, Storage, ModuleHandlers>): ResourceModule<Name, Storage, ModuleHandlers> {
  return module;
}

type AnyModule = ResourceModule<string, unknown, Partial<Handlers<Principal>>>;

/** `{ races: RaceStorage, users: UserStorage, ... }` for a list of modules. */
export type StoragesOf<Modules extends readonly AnyModule[]> = {
  [
    M in Modules[number] as M extends ResourceModule<infer Name, infer S, Partial<Handlers<Principal>>>
      ? [S] extends [never]
        ? never
        : Name
      : never
  ]: M extends ResourceModule<string, infer S, Partial<Handlers<Principal>>> ? S : never;
};

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Every handler the modules serve, as one object type. */
export type HandlersOf<Modules extends readonly AnyModule[]> = UnionToIntersection<
  Modules[number] extends infer M ? (M extends ResourceModule<string, unknown, infer H> ? H : never) : never
>;

/** The contract's operations no module serves (`never` when all are served). */
export type UnservedOperations<Modules extends readonly AnyModule[]> = Exclude<OperationId, keyof HandlersOf<Modules>>;
