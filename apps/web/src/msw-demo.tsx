/**
 * ASTRAL_WEB_API_URL=msw, with no server: @astral/msw answers every request from the
 * contract's examples in a service worker, signed in as the persona picked in the banner
 * (`demo-personas.ts`), so the coach screens show too; the AI coach's streams send a whole
 * generation from the examples (`demo-streams.ts`). Loaded only in msw mode, in the msw chunk.
 */
import { setupAstralWorker } from '@astral/msw/browser';
import { personaHandlers, personas, type Persona } from './demo-personas.js';
import { demoStreamHandlers } from './demo-streams.js';

const PERSONA_KEY = 'astral-msw-persona';

const currentPersona = (): Persona => {
  const stored = localStorage.getItem(PERSONA_KEY);
  return stored !== null && stored in personas ? (stored as Persona) : 'athlete';
};

/** Starts MSW's service worker with the contract's handlers, signed in as the chosen persona. */
export async function startDemoWorker(): Promise<void> {
  await setupAstralWorker(...personaHandlers(currentPersona()), ...demoStreamHandlers()).start({
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}

/** The banner saying no server answers, with the persona the examples sign in. */
export function DemoBanner() {
  const choose = (persona: string) => {
    localStorage.setItem(PERSONA_KEY, persona);
    window.location.reload();
  };
  return (
    <aside className="demo-banner container" aria-label="Mock mode">
      <label htmlFor="msw-persona">No server: the contract's examples answer, signed in as</label>
      <select id="msw-persona" value={currentPersona()} onChange={(e) => choose(e.target.value)}>
        {Object.entries(personas).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </aside>
  );
}
