// @astral/start: what `npm start` runs (scripts/start.mjs is its entry at the repository root).
export { runStart } from './orchestrator.mjs';
export { readStartConfig } from './config.mjs';
