// Builds the Redoc site from a bundled contract: a docs-only decorated copy (code samples,
// logo; for the development site also the try-it console, its links and the development
// credentials), `redocly build-docs --inlineBundle` with the Astral template and colours,
// then a check that the page loads nothing from the network.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { withCodeSamples } from './code-samples.mjs';
import { developmentCredentialsOf, securitySchemesOf } from '@astral/openapi/reader';
import { consoleModel, withConsoleLinks, withDevelopmentCredentials } from './console-model.mjs';
import { externalAssetUrls } from './offline.mjs';
import { withReleaseNotes } from './release-notes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** apps/docs/redocly.yaml: Redoc options and the brand colours. */
export const docsConfigPath = join(here, '..', 'redocly.yaml');
const logoPath = join(here, 'logo.svg');
/** The try-it console's page, script and style (src/console/), copied as they are. */
const consoleDir = join(here, 'console');
const CONSOLE_FILES = ['index.html', 'console.js', 'console.css'];

/** Redoc's sidebar attribution logo is an <img> from its CDN; the page shows a local copy. */
const ATTRIBUTION_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];
const ATTRIBUTION_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 16"><text x="0" y="12" font-family="Helvetica,Arial,sans-serif" font-size="12" font-weight="700" fill="#ef4146">Redocly</text></svg>';

const dataUri = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** The brand colours in redocly.yaml, as the template's CSS variables. */
async function brandOptions() {
  const config = parse(await readFile(docsConfigPath, 'utf8'));
  const theme = config?.openapi?.theme ?? {};
  const primary = theme.colors?.primary?.main ?? '#5b3cc4';
  return {
    primary,
    primaryHover: theme.colors?.primary?.dark ?? primary,
    heading: theme.colors?.text?.primary ?? '#1a1a1a',
    sidebarBackground: theme.sidebar?.backgroundColor ?? '#ffffff',
  };
}

function runRedocly(args) {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@redocly/cli/package.json');
  const { bin } = require('@redocly/cli/package.json');
  const binPath = join(dirname(packageJson), typeof bin === 'string' ? bin : bin.redocly);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`redocly build-docs failed (exit ${code}):\n${output}`))));
  });
}

/** The try-it console into `dir`: its files, and the model derived from the contract. */
async function writeConsole(contract, dir) {
  await mkdir(dir, { recursive: true });
  for (const file of CONSOLE_FILES) {
    const text = await readFile(join(consoleDir, file), 'utf8');
    const external = externalAssetUrls(text);
    if (external.length > 0) throw new Error(`the console would load assets from the network: ${external.join(', ')}`);
    await copyFile(join(consoleDir, file), join(dir, file));
  }
  await writeFile(join(dir, 'operations.json'), `${JSON.stringify(consoleModel(contract))}\n`);
}

/** Refuses a development bundle for the published site: it would show development credentials or local servers. */
function assertPublishable(contract) {
  const credentials = Object.values(securitySchemesOf(contract)).flatMap((scheme) => Object.keys(developmentCredentialsOf(scheme)));
  const local = (contract.servers ?? []).filter((server) => server['x-internal']).map((server) => server.url);
  if (credentials.length > 0 || local.length > 0)
    throw new Error(`the published site needs the published bundle; this one has ${[...credentials, ...local].join(', ')}`);
}

/**
 * Builds `index.html` (and the decorated contract it shows, `openapi.json`) into `outDir`.
 * The development site (`development: true`, from the development bundle) adds the try-it
 * console (`try/`), links to it and the development credentials; the published one (from
 * the published bundle) has none of them, and refuses a bundle that still has them.
 *
 * @example
 * await buildDocs({ contractPath: developmentContractJsonPath, outDir: 'apps/docs/dist/development', development: true });
 * await buildDocs({ contractPath: contractJsonPath, outDir: 'apps/docs/dist/published', development: false });
 */
export async function buildDocs({ contractPath, outDir, development = true }) {
  const started = performance.now();
  const contract = JSON.parse(await readFile(contractPath, 'utf8'));
  if (!development) assertPublishable(contract);
  const samples = withReleaseNotes(withCodeSamples(contract));
  const decorated = development ? withDevelopmentCredentials(withConsoleLinks(samples)) : samples;
  const logo = await readFile(logoPath, 'utf8');
  decorated.info['x-logo'] = { url: dataUri(logo), altText: 'Astral', href: '#' };

  await mkdir(outDir, { recursive: true });
  const decoratedPath = join(outDir, 'openapi.json');
  const htmlPath = join(outDir, 'index.html');
  const buildingPath = join(outDir, 'index.building.html');
  await writeFile(decoratedPath, `${JSON.stringify(decorated, null, 2)}\n`);
  const brand = await brandOptions();
  await runRedocly([
    'build-docs',
    decoratedPath,
    '--config',
    docsConfigPath,
    '--lint-config',
    'error',
    '--inlineBundle',
    '--output',
    buildingPath,
    '--title',
    `${contract.info.title} reference`,
    `--templateOptions.favicon=${dataUri(logo)}`,
    ...Object.entries(brand).map(([name, value]) => `--templateOptions.${name}=${value}`),
  ]);
  let html = await readFile(buildingPath, 'utf8');
  for (const url of ATTRIBUTION_LOGOS) html = html.replaceAll(url, dataUri(ATTRIBUTION_SVG));
  // Base URLs of Redoc's optional icon sets (used only for icons the contract names; this
  // one names none): point them at the docs server itself, so nothing can reach a CDN.
  html = html.replaceAll('https://cdn.redocly.com/icons/', './icons/');
  if (development) await writeConsole(contract, join(outDir, 'try'));
  const external = externalAssetUrls(html);
  if (external.length > 0) throw new Error(`the docs page would load assets from the network: ${external.join(', ')}`);
  // Write aside, then rename: a server reading index.html never sees half a page.
  await writeFile(buildingPath, html);
  await rename(buildingPath, htmlPath);
  return { htmlPath, decoratedPath, bytes: Buffer.byteLength(html), ms: Math.round(performance.now() - started) };
}
