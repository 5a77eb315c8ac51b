/**
 * What a resource module is: a name, the storage it opens on the shared database, and the
 * handlers it serves. `resources/index.ts` lists the modules; the app's storage (the
 * aggregate `Repository`) and its handler table are derived from that list. A module names
 * the storages its handlers need (`ResourceContext<{ races: RaceStorage }>`), never the
 * aggregate, so no resource depends on the list that is built from it.
 */
import type { Handlers, OperationId } from '@astral/server';
import type { Principal } from '../domain/principal.js';
import type { AnyTables, StorageContext } from '../storage/context.js';
import type { OidcSettings } from './auth/id-tokens.js';

/** What the account operations need beyond the repository (its outbox and rate limits included). */
export interface AccountParts {
  /** Where emailed links point (`APP_URL`). */
  appUrl: string;
  /** The OpenID Connect issuer of Firebase ID tokens; absent, the exchange refuses every token. */
  oidc: OidcSettings | undefined;
}

/**
 * What a module's handlers are built from. `Storages` is what its services need (the app
 * passes its whole repository, which has every storage: `resourceHandlers` does not compile
 * when a module needs one the repository lacks).
 */
export interface ResourceContext<Storages = unknown> {
  /** The storages the module's services take. */
  repository: Storages;
  /** The clock. */
  now: () => Date;
  /** What the account operations need beyond the repository. */
  accounts: AccountParts;
  /** The API's public base URL (`https://app.nexrex.ai/api/v1`) in URLs it hands out; absent: the request's. */
  publicUrl?: string | (() => string | undefined) | undefined;
}

/** A resource module; both parts optional (a resource may store nothing, or serve nothing yet). */
export interface ResourceModule<Name extends string, Storage, ModuleHandlers extends Partial<Handlers<Principal>>, Needs = unknown> {
  /** The key of its storage in the `Repository` (`repository.races`). */
  name: Name;
  /** Opens its storage on the shared database (typed with its own tables). */
  storage?: (context: StorageContext<AnyTables>) => Storage;
  /** Its handlers, one per operationId it serves. */
  handlers?: (context: ResourceContext<Needs>) => ModuleHandlers;
}

/**
 * Declares a resource module, keeping its name and types exact for the derivations.
 *
 * @example
 * ```ts
 * export const races = defineResource({
 *   name: 'races',
 *   storage: openRaceStorage,
 *   handlers: ({ repository, now }: ResourceContext<{ races: RaceStorage }>) =>
 *     raceHandlers(new RaceService({ races: repository.races, now })),
 * });
 * ```
 */
export function defineResource<
  const Name extends string,
  Storage = never,
  ModuleHandlers extends Partial<Handlers<Principal>> = Record<never, never>,
  Needs = unknown,
>(module: ResourceModule<Name, Storage, ModuleHandlers, Needs>): ResourceModule<Name, Storage, ModuleHandlers, Needs> {
  return module;
}

// `never` needs: a module needing any storages at all is one (its handlers take less than everything).
type AnyModule = ResourceModule<string, unknown, Partial<Handlers<Principal>>, never>;

/** `{ races: RaceStorage, users: UserStorage, ... }` for a list of modules. */
export type StoragesOf<Modules extends readonly AnyModule[]> = {
  [
    M in Modules[number] as M extends ResourceModule<infer Name, infer S, Partial<Handlers<Principal>>, never>
      ? [S] extends [never]
        ? never
        : Name
      : never
  ]: M extends ResourceModule<string, infer S, Partial<Handlers<Principal>>, never> ? S : never;
};

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Every handler the modules serve, as one object type. */
export type HandlersOf<Modules extends readonly AnyModule[]> = UnionToIntersection<
  Modules[number] extends infer M ? (M extends ResourceModule<string, unknown, infer H, never> ? H : never) : never
>;

/** The contract's operations no module serves (`never` when all are served). */
export type UnservedOperations<Modules extends readonly AnyModule[]> = Exclude<OperationId, keyof HandlersOf<Modules>>;
