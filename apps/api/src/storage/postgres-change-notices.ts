/**
 * PostgreSQL's equivalent of SQLite's `data_version` for the change counters
 * (change-counters.ts): one dedicated connection that `LISTEN`s on a channel which a
 * statement-level trigger on each credential table notifies (migration 008), so a commit by
 * any instance reaches this one within milliseconds, without a round trip per request.
 *
 * The version moves on every notice and on every (re)connect, and is `undefined` while the
 * connection is not listening (before the first connect, after a drop, while reconnecting):
 * the counters then answer `undefined` and nothing is cached, so a notice missed while
 * disconnected can only cost cache misses, never serve a revoked credential.
 *
 * postgres.js's own `sql.listen` is not used: it hides when its connection drops, and after a
 * failed re-listen it stops trying.
 */
import postgres from 'postgres';
import type { ChangeSources } from './change-counters.js';

/** The channel the credential tables' trigger notifies (migration 008). */
export const credentialsChannel = 'astral_credentials';

/** The listening connection's `application_name` (`pg_stat_activity` shows it apart from the pool's). */
export const listenerApplicationName = 'astral change notices';

/** The trigger's name on each table it watches (migration 008 and `postgresDialect.notifyOnWrite`). */
export const noticeTriggerName = (channel: string) => `${channel}_notice`;

export interface ChangeNoticesOptions {
  url: string;
  channel?: string;
  /** Wait before connecting again after a drop or a failed attempt. Default 1,000 ms. */
  reconnectDelayMs?: number;
}

export interface ChangeNotices {
  /** Starts listening (once; later calls do nothing). */
  start(): void;
  /** Whether the connection is listening (the counters can tell other instances' changes). */
  listening(): boolean;
  /** The listening connection's backend process id, while listening (to watch or end it). */
  backendPid(): number | undefined;
  /** What the change counters read (the catalog as read at the last connect). */
  sources: ChangeSources;
  close(): Promise<void>;
}

interface Catalog {
  /** Tables carrying the channel's trigger. */
  noticed: Set<string>;
  /** For each table, the tables whose writes reach it (foreign-key actions, triggers naming it). */
  reaching: Map<string, string[]>;
}

/**
 * @example
 * ```ts
 * const notices = changeNotices({ url });
 * const counters = changeCounters(notices.sources);
 * notices.start();
 * ```
 */
export function changeNotices(options: ChangeNoticesOptions): ChangeNotices {
  const channel = options.channel ?? credentialsChannel;
  const reconnectDelayMs = options.reconnectDelayMs ?? 1_000;
  let version = 0;
  let listening = false;
  let pid: number | undefined;
  // Moves on every close: a listen that resolves after its connection closed does not count.
  let connection = 0;
  let catalog: Catalog = { noticed: new Set(), reaching: new Map() };
  let catalogVersion = 0;
  let started = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  // `onnotify` is read by postgres.js (what its own `listen` uses) but missing from its types.
  const untyped: { onnotify(channel: string): void } = {
    onnotify: (name) => {
      if (name === channel) version++;
    },
  };
  const sql = postgres(options.url, {
    ...untyped,
    max: 1,
    // Never closed on purpose: no maximum lifetime (and, by default, no idle timeout).
    max_lifetime: null,
    fetch_types: false,
    connection: { application_name: listenerApplicationName },
    onnotice: () => undefined,
    onclose: () => {
      connection++;
      listening = false;
      pid = undefined;
      schedule();
    },
  });

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, reconnectDelayMs);
    retry.unref();
  };

  const listen = async () => {
    const at = connection;
    try {
      // One pipelined write: the listen, then the catalog as it stands once listening.
      const [, [backend], noticed, reaching] = await Promise.all([
        sql.unsafe(`listen "${channel.replaceAll('"', '""')}"`),
        sql<{ pid: number }[]>`select pg_backend_pid() as pid`,
        sql<{ table: string }[]>`
          select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgname = ${noticeTriggerName(channel)} and c.relnamespace = current_schema()::regnamespace`,
        sql<{ table: string; source: string }[]>`
          select child.relname as table, parent.relname as source
          from pg_constraint k join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
          where k.contype = 'f' and (k.confdeltype in ('c', 'n', 'd') or k.confupdtype in ('c', 'n', 'd'))
            and child.relnamespace = current_schema()::regnamespace
          union
          select target.relname, source.relname
          from pg_trigger t join pg_proc p on p.oid = t.tgfoid join pg_class source on source.oid = t.tgrelid
          join pg_class target on target.relnamespace = source.relnamespace and position(target.relname in lower(p.prosrc)) > 0
          where not t.tgisinternal and source.relnamespace = current_schema()::regnamespace`,
      ]);
      if (closed || at !== connection) return;
      const map = new Map<string, string[]>();
      for (const { table, source } of reaching) map.set(table, [...(map.get(table) ?? []), source]);
      catalog = { noticed: new Set(noticed.map((row) => row.table)), reaching: map };
      catalogVersion++;
      pid = backend?.pid;
      version++;
      listening = true;
    } catch {
      // Not listening: the counters answer `undefined` until a later attempt succeeds.
      if (at === connection) schedule();
    }
  };

  return {
    start() {
      if (started || closed) return;
      started = true;
      void listen();
    },
    listening: () => listening,
    backendPid: () => pid,
    sources: {
      dataVersion: () => (listening ? version : undefined),
      schemaVersion: () => catalogVersion,
      writesReaching: (table) => catalog.reaching.get(table) ?? [],
      watches: (table) => catalog.noticed.has(table),
    },
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retry);
      await sql.end({ timeout: 1 });
    },
  };
}
