// The one block `npm start` prints when everything answers: URLs, credentials, a curl line.
import { relative } from 'node:path';
import { repoRoot } from './config.mjs';

/**
 * @example
 * console.log(banner({ services, basePath: '/api/v1', credentials, contractDir, readyMs: 4200 }));
 */
export function banner({ services, basePath, credentials, contractDir, readyMs }) {
  const url = (service) => `http://127.0.0.1:${service.port}${service.api ? basePath : '/'}`;
  const width = Math.max(...services.map((service) => url(service).length));
  const sandbox = services.find((service) => service.name === 'sandbox') ?? services[0];
  const rule = '─'.repeat(78);
  const watched = relative(repoRoot, contractDir) || '.';
  return [
    rule,
    ` Astral API is running (ready in ${(readyMs / 1000).toFixed(1)} s)`,
    '',
    ...services.map((service) => `   ${service.label.padEnd(14)} ${url(service).padEnd(width)}   port: ${service.portEnv}`),
    '',
    ' Development credentials (every local server accepts them):',
    ...credentialLines(credentials),
    '',
    ' Try it:',
    `   curl -H 'Authorization: Bearer ${credentials.athleteToken}' '${url(sandbox)}/races?upcoming=true'`,
    '',
    ` Watching ${watched.startsWith('..') ? contractDir : `${watched}/`}: an edit re-lints, re-bundles, regenerates the types and reloads the mock, sandbox and docs.`,
    ' Ctrl-C stops everything.',
    rule,
    '',
  ].join('\n');
}

function credentialLines(credentials) {
  const rows = [
    [`Authorization: Bearer ${credentials.athleteToken}`, 'an athlete'],
    [`Authorization: Bearer ${credentials.adminToken}`, 'an admin'],
    [`X-API-Key: ${credentials.organizationKey}`, 'an organization'],
  ];
  const width = Math.max(...rows.map(([header]) => header.length));
  return rows.map(([header, who]) => `   ${header.padEnd(width)}   ${who}`);
}
