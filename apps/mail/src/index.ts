/**
 * `@astral/mail`: a local mail catcher. `startMailCatcher` for tests and tools; `npm run mail`
 * (`dist/main.js`) for people.
 */
export { startMailCatcher, type MailCatcherOptions, type RunningMailCatcher } from './catcher.js';
export { readMailConfig, type MailConfig } from './config.js';
export type { CaughtMessage } from './message.js';
export type { MessageFilter } from './store.js';
export { linksIn } from './links.js';
