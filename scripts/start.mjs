// `npm start`: the whole contract, running. The orchestrator is the @astral/start workspace
// (tools/start). Ports: ASTRAL_API_PORT (3000), ASTRAL_MOCK_PORT (4010), ASTRAL_SANDBOX_PORT
// (4011), ASTRAL_DOCS_PORT (8080), ASTRAL_MAIL_PORT (8025, the mail inbox),
// ASTRAL_MAIL_SMTP_PORT (1025) and ASTRAL_WEB_PORT (5173, the web app, which talks to the
// sandbox unless ASTRAL_WEB_API_URL says otherwise). ASTRAL_CONTRACT_DIR watches another
// copy of the contract.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.env.TURBO_TELEMETRY_DISABLED ??= '1';
process.env.REDOCLY_TELEMETRY ??= 'off';

// npm start's settings are declared by built modules (@astral/settings, the API's config,
// which the orchestrator's own declaration reuses). On a fresh clone they are built first
// (turbo: the full build that follows finds them cached), so the orchestrator can load.
const root = fileURLToPath(new URL('..', import.meta.url));
const declarations = ['packages/settings/dist/index.js', 'apps/api/dist/config.js'];
if (declarations.some((file) => !existsSync(`${root}${file}`))) {
  console.log('[build] first build of the settings declarations (@astral/api and what it needs)...');
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@astral/api...', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
}

const { runStart } = await import('@astral/start');
process.exitCode = await runStart(process.env);
// Children are stopped; nothing should keep the loop alive, but do not wait for stragglers.
process.exit();
