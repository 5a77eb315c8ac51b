// The one block `npm start` prints when everything answers: URLs, credentials, a curl line.
import { relative } from 'node:path';
import { repoRoot } from './config.mjs';

/** "a", "a and b", "a, b and c". */
const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** What an edit does, in the order it happens: "an edit rebuilds …, restarts the mock, sandbox and reference API, …". */
function onEdit(restartable, outDir) {
  const names = [...restartable]
    .sort((a, b) => (a.reloads === b.reloads ? 0 : a.reloads === 'first' ? -1 : 1))
    .map((service) => service.label.replace(/ \(.*\)$/, '').replace(/^./, (first) => first.toLowerCase()));
  const rebuilds = outDir
    ? `re-bundles and regenerates the types into ${outDir} (the servers keep the workspace's operation table)`
    : 'rebuilds @astral/openapi (bundle, types, operation table)';
  return [`an edit ${rebuilds},`, `restarts the ${list(names)}, rebuilds the docs and re-lints.`];
}

/** Where the API processes' email goes, and where to read it. */
function mailLines(services, smtpUrl, ownSmtpUrl, url) {
  const inbox = services.find((service) => service.smtp);
  if (!inbox) return [];
  if (ownSmtpUrl) return [` Email: the reference API and the sandbox send to your SMTP_URL (${smtpUrl}), not to the mail inbox.`, ''];
  return [
    ` Email (sign-up verification, password reset): the reference API and the sandbox send it to`,
    `   ${smtpUrl}; open ${url(inbox)} and click the link (it carries token=...).`,
    '',
  ];
}

/**
 * @example
 * console.log(banner({ services, restartable, outDir: null, basePath: '/api/v1', credentials, contractDir, smtpUrl, ownSmtpUrl: false, readyMs: 4200 }));
 */
export function banner({ services, restartable, outDir, basePath, credentials, contractDir, smtpUrl, ownSmtpUrl = false, readyMs }) {
  const url = (service) => `http://127.0.0.1:${service.port}${service.api ? basePath : '/'}`;
  // The mail catcher's SMTP side is a row of its own, under its inbox.
  const rows = services.flatMap((service) => [
    [service.label, url(service), service.portEnv],
    ...(service.smtp ? [['Mail SMTP', `smtp://127.0.0.1:${service.smtpPort}`, service.smtp.portEnv]] : []),
  ]);
  const width = Math.max(...rows.map(([, address]) => address.length));
  const sandbox = services.find((service) => service.name === 'sandbox') ?? services[0];
  const rule = '─'.repeat(78);
  const watched = relative(repoRoot, contractDir) || '.';
  return [
    rule,
    ` Astral API is running (ready in ${(readyMs / 1000).toFixed(1)} s)`,
    '',
    ...rows.map(([label, address, portEnv]) => `   ${label.padEnd(14)} ${address.padEnd(width)}   port: ${portEnv}`),
    '',
    ' Development credentials (every local server accepts them):',
    ...credentialLines(credentials),
    '',
    ...mailLines(services, smtpUrl, ownSmtpUrl, url),
    ' Try it:',
    `   curl -H 'Authorization: Bearer ${credentials.athleteToken}' '${url(sandbox)}/races?upcoming=true'`,
    ...services.filter((service) => service.consoleTargets).map((service) => `   or in the browser: ${url(service)}try/ (mock or sandbox)`),
    '',
    ` Watching ${watched.startsWith('..') ? contractDir : `${watched}/`}:`,
    ...onEdit(restartable, outDir).map((line) => `   ${line}`),
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
