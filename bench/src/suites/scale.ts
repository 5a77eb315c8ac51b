// Scale: the contract toolchain on synthetic contracts 10x and 100x the real one.
// Times the same scripts the pipeline runs (lint, bundle, type generation) and a
// type-check of a client call site, and reports how each grows with the operations.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { operationIds, operationTable } from '@astral/openapi';
import { operationsOf, type OpenApiDocument } from '@astral/openapi/reader';
import { interleave, median, timeCommand } from '../measure.js';
import { contractScripts, repoRoot, scratchDir } from '../paths.js';
import { row, type ResultRow } from '../report.js';

const FACTORS = [1, 10, 100] as const;
const ROUNDS = 3;
const STEPS = ['lint', 'bundle', 'generate', 'type-check'] as const;
type Step = (typeof STEPS)[number];

interface Sized {
  factor: number;
  operations: number;
  env: NodeJS.ProcessEnv;
  out: string;
}

/** The real contract's operations, and those of the Races paths each synthetic clone repeats. */
const REAL_OPERATIONS = operationIds.length;
const PER_CLONE = operationIds.filter((id) => operationTable[id].path.startsWith('/races')).length;

async function prepare(factor: number): Promise<Sized> {
  const dir = join(scratchDir, `scale-x${factor}`);
  await rm(dir, { recursive: true, force: true });
  // Enough clones of the Races resource for `factor` times the real operation count.
  const copies = Math.round((REAL_OPERATIONS * factor - REAL_OPERATIONS) / PER_CLONE);
  // @astral/openapi's script writes the copy: @astral/server's type tests build the same 10x contract.
  await timeCommand('node', [join(contractScripts, 'synthetic-contract.mjs'), join(dir, 'openapi'), String(copies)]);
  const entry = join(dir, 'openapi', 'openapi.yaml');
  const out = join(dir, 'out');
  const env = { ASTRAL_CONTRACT_ENTRY: entry, ASTRAL_CONTRACT_OUT: out };
  await timeCommand('node', [join(contractScripts, 'bundle-contract.mjs')], { env });
  await timeCommand('node', [join(contractScripts, 'generate-types.mjs')], { env });
  const operations = operationsOf(JSON.parse(await readFile(join(out, 'contract/openapi.json'), 'utf8')) as OpenApiDocument).length;
  await writeCallSite(out, copies);
  return { factor, operations, env, out };
}

/** A client call site against the last synthetic resource, type-checked with the repo's tsconfig. */
async function writeCallSite(out: string, copies: number): Promise<void> {
  const noun = copies === 0 ? 'race' : `item${copies}`;
  await mkdir(join(out, 'site'), { recursive: true });
  await writeFile(
    join(out, 'site', 'call-site.ts'),
    `import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010/api/v1' });
const { data, error } = await client.GET('/${noun}s/{${noun}_id}', { params: { path: { ${noun}_id: '${noun}_1' } } });
export const name: string | undefined = data?.data.${noun}_name;
export const code: string | undefined = error?.details?.code;
const created = await client.POST('/${noun}s', {
  body: { ${noun}_name: 'Berlin Marathon', ${noun}_type: 'run', ${noun}_subtype: 'marathon', ${noun}_date: '2026-09-27T07:15:00Z', ${noun}_location: 'Berlin, Germany' },
});
export const id: string | undefined = created.data?.${noun}_id;
`,
  );
  await writeFile(
    join(out, 'site', 'tsconfig.json'),
    JSON.stringify({
      extends: join(repoRoot, 'packages/tsconfig/base.json'),
      compilerOptions: { noEmit: true, types: [], lib: ['ES2023', 'DOM'] },
      files: ['call-site.ts'],
    }),
  );
}

function stepCommand(step: Step, sized: Sized): () => Promise<number> {
  const script = (name: string) => () => timeCommand('node', [join(contractScripts, name)], { env: sized.env });
  switch (step) {
    case 'lint':
      return script('lint-contract.mjs');
    case 'bundle':
      return script('bundle-contract.mjs');
    case 'generate':
      return script('generate-types.mjs');
    case 'type-check':
      return () =>
        timeCommand('node', [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(sized.out, 'site')], { cwd: repoRoot });
  }
}

export async function runScaleSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const sizes: Sized[] = [];
  for (const factor of FACTORS) {
    sizes.push(await prepare(factor));
    log(`scale: prepared ${factor}x (${sizes.at(-1)!.operations} operations)`);
  }
  const rows: ResultRow[] = [];
  for (const step of STEPS) {
    const variants = Object.fromEntries(sizes.map((sized) => [`x${sized.factor}`, stepCommand(step, sized)]));
    const samples = await interleave(ROUNDS, variants);
    const base = sizes[0]!;
    const baseSeconds = median(samples[`x${base.factor}`]!);
    for (const sized of sizes.slice(1)) {
      const seconds = median(samples[`x${sized.factor}`]!);
      const operationsRatio = sized.operations / base.operations;
      rows.push(
        row({
          suite: 'Scale: contract toolchain on synthetic contracts',
          subject: `${step}, ${sized.factor}x contract (${sized.operations} operations)`,
          baseline: `${step}, real contract (${base.operations} operations)`,
          metric: 'wall time, median of 3',
          unit: 's',
          value: seconds,
          baselineValue: baseSeconds,
          note:
            `${operationsRatio.toFixed(0)}x the operations took ${(seconds / baseSeconds).toFixed(1)}x the time; ` +
            `${(((seconds - baseSeconds) / (sized.operations - base.operations)) * 1000).toFixed(1)} ms per added operation`,
        }),
      );
    }
    log(`scale: ${step} done`);
  }
  return rows;
}
