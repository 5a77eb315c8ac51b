// With ASTRAL_CONTRACT_DIR the servers keep the workspace's operation table, so npm start
// says which operations the watched copy adds or removes instead of serving them half-way.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractJsonPath } from '@astral/openapi/contract';
import { operationsOf, type OpenApiDocument } from '@astral/openapi/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationChanges, servedOperations } from '../src/operation-changes.mjs';

describe('operationChanges', () => {
  let dir: string;
  let contract: OpenApiDocument;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'astral-operation-changes-'));
    contract = JSON.parse(await readFile(contractJsonPath, 'utf8')) as OpenApiDocument;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (document: OpenApiDocument) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, JSON.stringify(document));
    return path;
  };

  it('finds nothing when the bundle is the one the served table was built from', async () => {
    expect(await operationChanges(await servedOperations(), contractJsonPath)).toEqual([]);
  });

  it('names an operation the bundle adds and one it removes, as METHOD path', async () => {
    const [first] = operationsOf(contract);
    const edited = structuredClone(contract);
    // Move the first operation to a new path: one removed, one added.
    const moved = `${first!.path}/moved`;
    edited.paths[moved] = { [first!.method]: { ...edited.paths[first!.path]![first!.method], operationId: `${first!.operationId}Moved` } };
    delete edited.paths[first!.path]![first!.method];
    const changes = await operationChanges(await servedOperations(), await write(edited));
    expect(changes).toEqual([`${first!.method.toUpperCase()} ${moved} is new`, `${first!.method.toUpperCase()} ${first!.path} is gone`]);
  });
});
