// The last release of each API version, kept in committed files (a clone may carry no git
// tags): releases/<prefix>/openapi.json is the published bundle as released, and
// releases/<prefix>/release.json its contract version and the packages' versions.
// ASTRAL_RELEASES_DIR points the scripts at another folder (the tests' copies).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.mjs';

export const releasesDir = process.env.ASTRAL_RELEASES_DIR ?? join(repoRoot, 'releases');

/** The packages generated from the contract, released together with it. */
export const CONTRACT_PACKAGES = ['@astral/openapi', '@astral/client', '@astral/server', '@astral/msw'];

/**
 * The API version prefix a contract serves under, from its first server URL: `v1` for `/api/v1`.
 * @example
 * prefixOf({ servers: [{ url: 'https://app.nexrex.ai/api/v1' }] }) // 'v1'
 */
export function prefixOf(document) {
  const url = document.servers?.[0]?.url;
  if (typeof url !== 'string') throw new Error('the contract names no server URL, so no API version prefix');
  const segment = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '').split('/').pop();
  if (!/^v\d+$/.test(segment ?? '')) throw new Error(`the server URL ${url} does not end in a version prefix (/api/v1)`);
  return segment;
}

/** The contract's major version, from `info.version`. */
export const majorOf = (document) => Number.parseInt(String(document.info?.version ?? '0'), 10);

/** The last release under `prefix`, or undefined when that API version was never released. */
export function readRelease(prefix, dir = releasesDir) {
  const recordFile = join(dir, prefix, 'release.json');
  if (!existsSync(recordFile)) return undefined;
  const record = JSON.parse(readFileSync(recordFile, 'utf8'));
  const contract = JSON.parse(readFileSync(join(dir, prefix, 'openapi.json'), 'utf8'));
  return { ...record, contract };
}

/** Records `contract` (a published bundle) as the release of its prefix, with the packages' versions. */
export function writeRelease(contract, packages, dir = releasesDir) {
  const prefix = prefixOf(contract);
  mkdirSync(join(dir, prefix), { recursive: true });
  writeFileSync(join(dir, prefix, 'openapi.json'), `${JSON.stringify(contract, null, 2)}\n`);
  const record = { version: contract.info.version, prefix: `/api/${prefix}`, packages };
  writeFileSync(join(dir, prefix, 'release.json'), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
