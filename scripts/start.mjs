// `npm start`: the whole contract, running. The orchestrator is the @astral/start workspace
// (tools/start). Ports: ASTRAL_API_PORT (3000), ASTRAL_MOCK_PORT (4010), ASTRAL_SANDBOX_PORT
// (4011), ASTRAL_DOCS_PORT (8080), ASTRAL_MAIL_PORT (8025, the mail inbox),
// ASTRAL_MAIL_SMTP_PORT (1025) and ASTRAL_WEB_PORT (5173, the web app, which talks to the
// sandbox unless ASTRAL_WEB_API_URL says otherwise). ASTRAL_CONTRACT_DIR watches another
// copy of the contract.
import { runStart } from '@astral/start';

process.env.TURBO_TELEMETRY_DISABLED ??= '1';
process.env.REDOCLY_TELEMETRY ??= 'off';
process.exitCode = await runStart(process.env);
// Children are stopped; nothing should keep the loop alive, but do not wait for stragglers.
process.exit();
