/**
 * The app's one API client and the signed-in session. The client keeps the session itself
 * (sign-up and login start it, logout and a 401 end it, it refreshes before `expires_at`);
 * this provider persists it in storage and re-renders the app when it changes.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createAstralClient, type AstralClient, type SessionToken } from '@astral/client';

const STORAGE_KEY = 'astral-session';

interface Api {
  client: AstralClient;
  session: SessionToken | null;
}

const ApiContext = createContext<Api | null>(null);

function stored(storage: Storage): SessionToken | null {
  try {
    return JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as SessionToken | null;
  } catch {
    return null;
  }
}

/**
 * @example
 * ```tsx
 * <ApiProvider baseUrl={`${location.origin}/api/v1`}><App /></ApiProvider>
 * ```
 */
export function ApiProvider({ baseUrl, storage = localStorage, children }: { baseUrl: string; storage?: Storage; children: ReactNode }) {
  const queries = useQueryClient();
  const [session, setSession] = useState<SessionToken | null>(() => stored(storage));
  const client = useMemo(
    () =>
      createAstralClient({
        baseUrl,
        session: stored(storage),
        onSessionChange: (next) => {
          if (next) storage.setItem(STORAGE_KEY, JSON.stringify(next));
          else storage.removeItem(STORAGE_KEY);
          setSession(next);
          // Another person's data must not outlive their session.
          if (!next) queries.clear();
        },
      }),
    [baseUrl, storage, queries],
  );
  return <ApiContext.Provider value={{ client, session }}>{children}</ApiContext.Provider>;
}

/** The client and the session, inside {@link ApiProvider}. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider>');
  return api;
}
