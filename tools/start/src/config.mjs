// Everything `npm start` can be told, read from the environment in this one place, and where
// each server's entry file is: the one its own package's npm script runs, found through the
// package (as Node resolves it), so `npm run mock` and `npm start` always run the same file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSettings } from '@astral/api/config';
import { defineSettings, directory, port, readSettings } from '@astral/settings';
import { webSettings } from '@astral/web/src/target.mjs';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * A workspace package's folder and manifest.
 *
 * @example
 * workspacePackage('@astral/mock').dir; // "/…/apps/mock"
 */
export function workspacePackage(name) {
  const manifest = require.resolve(`${name}/package.json`);
  return { dir: dirname(manifest), json: JSON.parse(readFileSync(manifest, 'utf8')) };
}

/**
 * The file a package's npm script runs with `node <file>`.
 *
 * @example
 * scriptEntry('@astral/api', 'api'); // "/…/apps/api/dist/main.js"
 */
export function scriptEntry(name, script) {
  const { dir, json } = workspacePackage(name);
  const command = json.scripts?.[script];
  const file = /^node (\S+)$/.exec(command ?? '')?.[1];
  if (!file)
    throw new Error(`${name}: npm start runs its "${script}" script as \`node <file>\`, but it is ${JSON.stringify(command ?? 'missing')}`);
  return join(dir, file);
}

/**
 * The servers `npm start` runs, in start order, with the env var that moves each one.
 * `reloads` says when a contract edit restarts it: `first`, as soon as @astral/openapi is
 * rebuilt (what frontend code waits for), or `after`, with the docs and the lint. The docs
 * server is not restarted: its files are rebuilt in place. `followsContractJson` is false
 * for the reference API, which always serves the workspace's own contract (it ignores
 * ASTRAL_CONTRACT_JSON), so it is restarted only when that contract is the one watched.
 * `sendsMail` servers get SMTP_URL pointing at the mail catcher. The mail catcher reads no
 * contract, so no edit restarts it: the mail it caught outlives the API's restarts. Its SMTP
 * side is a second port (`smtp`), checked and moved like the others.
 */
export const SERVICES = [
  {
    name: 'api',
    label: 'Reference API',
    portEnv: 'ASTRAL_API_PORT',
    defaultPort: 3000,
    package: '@astral/api',
    script: 'api',
    api: true,
    reloads: 'after',
    followsContractJson: false,
    sendsMail: true,
  },
  {
    name: 'mock',
    label: 'Mock (Prism)',
    portEnv: 'ASTRAL_MOCK_PORT',
    defaultPort: 4010,
    package: '@astral/mock',
    script: 'mock',
    api: true,
    reloads: 'first',
    followsContractJson: true,
  },
  {
    name: 'sandbox',
    label: 'Sandbox',
    portEnv: 'ASTRAL_SANDBOX_PORT',
    defaultPort: 4011,
    package: '@astral/mock',
    script: 'sandbox',
    api: true,
    reloads: 'after',
    followsContractJson: true,
    // The sandbox runs the reference API in its own process: SMTP_URL reaches that API there.
    sendsMail: true,
  },
  {
    name: 'docs',
    label: 'Docs',
    portEnv: 'ASTRAL_DOCS_PORT',
    defaultPort: 8080,
    package: '@astral/docs',
    script: 'docs',
    api: false,
    // Its try-it console sends requests to the mock and the sandbox npm start runs.
    consoleTargets: true,
  },
  {
    name: 'mail',
    label: 'Mail inbox',
    portEnv: 'ASTRAL_MAIL_PORT',
    defaultPort: 8025,
    package: '@astral/mail',
    script: 'mail',
    api: false,
    smtp: { portEnv: 'ASTRAL_MAIL_SMTP_PORT', defaultPort: 1025 },
  },
  // The athletes' web app: its /api is proxied to the sandbox (ASTRAL_WEB_API_URL moves it),
  // and the API processes' emailed links (APP_URL) open it.
  {
    name: 'web',
    label: 'Web app',
    portEnv: 'ASTRAL_WEB_PORT',
    defaultPort: 5173,
    package: '@astral/web',
    script: 'web',
    api: false,
    webApp: true,
  },
];

/**
 * Every variable npm start itself reads: name, parser, description (each server's own
 * variables pass through to it, declared in its app). The ports come from SERVICES.
 */
export const startSettings = defineSettings({
  ...Object.fromEntries(
    SERVICES.flatMap((service) => [
      [service.portEnv, port({ fallback: service.defaultPort, min: 1, description: `${service.label}: port` })],
      ...(service.smtp
        ? [[service.smtp.portEnv, port({ fallback: service.smtp.defaultPort, min: 1, description: `${service.label}: SMTP port` })]]
        : []),
    ]),
  ),
  ASTRAL_CONTRACT_DIR: directory({ fallback: undefined, description: 'watch this copy of the contract instead of openapi/' }),
  ASTRAL_START_OUT: directory({
    fallback: undefined,
    description: "where a copy's bundle, types and docs go (default: a temporary folder)",
  }),
  // Passed on to the servers instead of npm start's own (the mail catcher, the web app, the sandbox).
  SMTP_URL: { ...apiSettings.SMTP_URL, description: 'where the API processes send email (default: the mail catcher npm start runs)' },
  APP_URL: {
    ...apiSettings.APP_URL,
    fallback: undefined,
    description: 'the web app the emailed links open (default: the one npm start runs)',
  },
  ASTRAL_WEB_API_URL: {
    ...webSettings.ASTRAL_WEB_API_URL,
    fallback: undefined,
    description: 'the API the web app talks to (default: the sandbox)',
  },
});

/**
 * The start configuration. ASTRAL_CONTRACT_DIR watches another copy of the contract (its
 * bundle, types and docs then go to ASTRAL_START_OUT, a temporary folder by default, never
 * over the real build outputs); the orchestrator's own tests and the benchmark use it so
 * that they never touch openapi/.
 *
 * @example
 * readStartConfig({ ASTRAL_MOCK_PORT: '4020' }).services.find((s) => s.name === 'mock').port; // 4020
 */
export function readStartConfig(env = process.env) {
  const settings = readSettings(startSettings, env);
  const host = '127.0.0.1';
  const customContract = settings.ASTRAL_CONTRACT_DIR !== undefined;
  const contractDir = settings.ASTRAL_CONTRACT_DIR ?? join(repoRoot, 'openapi');
  const outDir = customContract ? (settings.ASTRAL_START_OUT ?? join(tmpdir(), `astral-start-${process.pid}`)) : null;
  const openapi = workspacePackage('@astral/openapi');
  const services = SERVICES.map((service) => ({
    ...service,
    port: settings[service.portEnv],
    ...(service.smtp ? { smtpPort: settings[service.smtp.portEnv] } : {}),
    entry: scriptEntry(service.package, service.script),
  }));
  const mail = services.find((service) => service.smtp);
  const sandbox = services.find((service) => service.name === 'sandbox');
  const web = services.find((service) => service.webApp);
  return {
    host,
    /** Every port npm start binds, with the variable that moves it: checked before anything starts. */
    ports: services.flatMap((service) => [
      { name: service.name, port: service.port, portEnv: service.portEnv },
      ...(service.smtp ? [{ name: `${service.name} SMTP`, port: service.smtpPort, portEnv: service.smtp.portEnv }] : []),
    ]),
    /**
     * Where the API processes send email: the mail catcher, unless the developer's own
     * SMTP_URL says otherwise (a Mailpit they already run, say); then that one is passed on.
     */
    smtpUrl: settings.SMTP_URL ?? `smtp://${host}:${mail.smtpPort}`,
    ownSmtpUrl: settings.SMTP_URL !== undefined,
    /** The API the web app talks to: the sandbox (stateful, sends the sign-up email), unless ASTRAL_WEB_API_URL says otherwise. */
    webApiUrl: settings.ASTRAL_WEB_API_URL ?? `http://${host}:${sandbox.port}`,
    /** Where the emailed sign-up and reset links point: the web app, unless APP_URL says otherwise. */
    appUrl: settings.APP_URL ?? `http://${host}:${web.port}`,
    contractDir,
    contractEntry: join(contractDir, 'openapi.yaml'),
    /** Where bundle and generate write; null means their usual places in packages/openapi. */
    outDir,
    // The development bundle (local servers, development credentials): what the mock, the sandbox and these docs show.
    contractJson: outDir
      ? join(outDir, 'contract', 'development', 'openapi.json')
      : join(openapi.dir, openapi.json.exports['./development/openapi.json']),
    // The docs package's development site (apps/docs/dist/development), or the out folder's.
    docsDir: outDir ? join(outDir, 'docs') : join(workspacePackage('@astral/docs').dir, 'dist', 'development'),
    /**
     * The workspace's contract is rebuilt by turbo (cached, and @astral/openapi's compiled
     * table with it); another copy by @astral/openapi's scripts into the out folder.
     */
    useTurbo: !customContract,
    debounceMs: 150,
    services,
    /** The services a contract edit restarts (the reference API only when it serves the watched contract). */
    restartable: services.filter((service) => service.reloads && (!customContract || service.followsContractJson)),
  };
}

/**
 * The environment one server is started with (on top of npm start's own): where to listen,
 * the contract and docs it serves, for the API processes where to send email, and for the
 * docs where the try-it console sends requests (`basePath`: the contract's, `/api/v1`).
 *
 * @example
 * childEnv(config.services.find((s) => s.name === 'api'), config).SMTP_URL; // "smtp://127.0.0.1:1025"
 * childEnv(config.services.find((s) => s.name === 'docs'), config, '/api/v1').ASTRAL_MOCK_URL; // "http://127.0.0.1:4010/api/v1"
 */
export function childEnv(service, config, basePath = '/api/v1') {
  const urlOf = (name) => `http://${config.host}:${config.services.find((candidate) => candidate.name === name).port}${basePath}`;
  return {
    ...(service.consoleTargets ? { ASTRAL_MOCK_URL: urlOf('mock'), ASTRAL_SANDBOX_URL: urlOf('sandbox') } : {}),
    PORT: String(service.port),
    HOST: config.host,
    ASTRAL_DOCS_DIR: config.docsDir,
    ASTRAL_CONTRACT_JSON: config.contractJson,
    ...(service.smtp ? { MAIL_HTTP_PORT: String(service.port), MAIL_SMTP_PORT: String(service.smtpPort) } : {}),
    ...(service.sendsMail ? { SMTP_URL: config.smtpUrl, APP_URL: config.appUrl } : {}),
    ...(service.webApp ? { ASTRAL_WEB_PORT: String(service.port), ASTRAL_WEB_API_URL: config.webApiUrl } : {}),
  };
}
