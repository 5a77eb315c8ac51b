// Packs the package as npm would publish it and checks that consumers can resolve it:
// publint (package.json and files) and Are the Types Wrong (types for each resolution).
// The package is ESM-only on purpose, so attw runs the `esm-only` profile: a CommonJS
// `require` of it is expected to fail. Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const run = (file, args) => execFileSync(file, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const destination = mkdtempSync(join(tmpdir(), 'astral-client-pack-'));
try {
  run('npm', ['pack', '--silent', '--pack-destination', destination]);
  const tarball = join(
    destination,
    readdirSync(destination).find((name) => name.endsWith('.tgz')),
  );
  process.stdout.write(run(bin('publint'), ['run', tarball, '--strict']));
  process.stdout.write(run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-emoji', '--no-color']));
  console.log('check:package: publint and attw found no problem');
} catch (error) {
  console.error(error.stdout ?? '', error.stderr ?? '', error.message);
  process.exitCode = 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
