// `npm start` on a copy of the whole repository (its own openapi/, as a developer runs it):
// an edit that removes an operation and one that adds it back reach the restarted mock,
// sandbox and reference API, because @astral/openapi's compiled table is rebuilt first.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { devCredentials } from '@astral/api';
import {
  HTTP_METHODS,
  basePathOf,
  examplesOf,
  jsonContent,
  operationsOf,
  parameterExample,
  parametersOf,
  type OpenApiDocument,
  type OperationLocation,
} from '@astral/openapi/reader';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeServerPorts, occurrences, startOrchestrator, stopOrchestrator, waitFor, type Orchestrator } from './support/processes.js';
import { copyWorkspace, type WorkspaceCopy } from './support/workspace-copy.js';

/** One request for an operation, filled from the contract: path parameters and body from its examples. */
function requestFor(
  document: OpenApiDocument,
  location: OperationLocation,
  method = location.method,
): { method: string; url: string; init: RequestInit } {
  const parameters = parametersOf(document, location);
  const path = location.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    const example = parameter ? parameterExample(document, parameter) : undefined;
    return encodeURIComponent(typeof example === 'string' || typeof example === 'number' ? String(example) : name);
  });
  const body = method === location.method ? examplesOf(document, jsonContent(document, location.operation.requestBody))[0] : undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${devCredentials.adminToken}` };
  if (body) headers['content-type'] = 'application/json';
  return {
    method: method.toUpperCase(),
    url: `${basePathOf(document)}${path}`,
    init: { method: method.toUpperCase(), headers, ...(body ? { body: JSON.stringify(body.value) } : {}) },
  };
}

describe("npm start on the workspace's own contract (a copy of the repository)", () => {
  let copy: WorkspaceCopy;
  let orchestrator: Orchestrator | undefined;

  beforeAll(async () => {
    // The original's turbo cache comes along: the copy's start-up build is restored, not redone.
    copy = await copyWorkspace({ warmCache: true });
  });

  afterAll(async () => {
    await stopOrchestrator(orchestrator?.child);
    await copy?.remove();
  });

  it('rebuilds the operation table on an edit: the restarted mock, sandbox and reference API stop answering a removed operation and answer an added one', async () => {
    const { ports, env } = await freeServerPorts();
    orchestrator = startOrchestrator(copy.root, { ...env, ASTRAL_IN_MEMORY: '1' });
    const { output } = orchestrator;
    // A cold cache means a full build of the copy: minutes on a busy 2-core machine.
    await waitFor(() => output.text.includes('Ctrl-C stops everything.'), 'the URL block', 600_000, output);
    expect(output.text).toContain('restarts the mock, reference API and sandbox, rebuilds the docs');

    const bundlePath = join(copy.root, 'packages/openapi/dist/contract/openapi.json');
    const bundled = async () => JSON.parse(await readFile(bundlePath, 'utf8')) as OpenApiDocument;
    const original = await bundled();
    // The operation to take out and put back: the last of the path with the most operations,
    // so that without it the path still exists and answers 405 with the others in Allow.
    const operations = operationsOf(original);
    const methodsOf = (document: OpenApiDocument, path: string) =>
      operationsOf(document)
        .filter((operation) => operation.path === path)
        .map((operation) => operation.method.toUpperCase())
        .sort();
    const path = operations
      .map((operation) => operation.path)
      .reduce((best, candidate) => (methodsOf(original, candidate).length > methodsOf(original, best).length ? candidate : best));
    const target = operations.filter((operation) => operation.path === path).at(-1)!;
    expect(methodsOf(original, path).length, `${path} has more than one operation`).toBeGreaterThan(1);
    // A method the path has in no version of the contract: its 405 lists what the path has.
    const absent = HTTP_METHODS.filter((method) => !['head', 'options', 'trace'].includes(method)).find(
      (method) => !methodsOf(original, path).includes(method.toUpperCase()),
    )!;
    const documented = Object.keys(target.operation.responses ?? {}).map(Number);

    const servers = { mock: ports.mock, sandbox: ports.sandbox, 'reference API': ports.api };
    const call = async (port: number, request: ReturnType<typeof requestFor>) => {
      const response = await fetch(`http://127.0.0.1:${port}${request.url}`, request.init);
      await response.arrayBuffer();
      return { status: response.status, allow: response.headers.get('allow') };
    };
    const answers = async (document: OpenApiDocument) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(servers).map(async ([name, port]) => [
            name,
            { operation: await call(port, requestFor(document, target)), other: await call(port, requestFor(document, target, absent)) },
          ]),
        ),
      ) as Record<
        keyof typeof servers,
        { operation: { status: number; allow: string | null }; other: { status: number; allow: string | null } }
      >;
    const what = `${target.method.toUpperCase()} ${path} (${target.operationId})`;

    const expectAnswered = async (document: OpenApiDocument, when: string) => {
      for (const [name, answer] of Object.entries(await answers(document))) {
        expect(answer.operation.status, `${name} ${when}: ${what}`).not.toBe(405);
        expect(documented, `${name} ${when}: ${what} answered ${answer.operation.status}`).toContain(answer.operation.status);
        expect(answer.other, `${name} ${when}: ${absent.toUpperCase()} ${path}`).toEqual({
          status: 405,
          allow: methodsOf(document, path).join(', '),
        });
      }
    };
    await expectAnswered(original, 'at start');

    // Edits are saved as editors and git do: written aside, renamed over the file.
    const entryPath = join(copy.root, 'openapi/openapi.yaml');
    const pathRef = parseDocument(await readFile(entryPath, 'utf8')).getIn(['paths', path, '$ref']) as string;
    const pathFile = join(dirname(entryPath), pathRef);
    const pathFileText = await readFile(pathFile, 'utf8');
    const save = async (text: string) => {
      await writeFile(`${pathFile}.saving`, text);
      await rename(`${pathFile}.saving`, pathFile);
    };
    // Rebuilds begun, and rebuilds done (reloaded, or refused because the contract does not build).
    const begun = () => occurrences(output.text, /\[watch\] .* changed: rebuilding/);
    const done = () => occurrences(output.text, /\[watch\] reloaded in \d+ ms|still serving the last good one/);
    const settled = async (before: number, when: string) => {
      await waitFor(() => done() > before, `the reload after ${when}`, 180_000, output);
      // One save can reach the watcher as two events: wait out a rebuild queued behind the first.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await waitFor(() => begun() === done(), `no rebuild pending after ${when}`, 180_000, output);
    };

    // Remove the operation.
    const withoutTarget = parseDocument(pathFileText);
    withoutTarget.delete(target.method);
    let before = done();
    await save(withoutTarget.toString());
    await settled(before, `removing ${what}`);
    const removed = await bundled();
    expect(operationsOf(removed).map((operation) => operation.operationId)).not.toContain(target.operationId);
    for (const [name, answer] of Object.entries(await answers(removed))) {
      // 405, with the path's remaining methods, from each server's freshly compiled table.
      expect(answer.operation, `${name} after removing ${what}`).toEqual({ status: 405, allow: methodsOf(removed, path).join(', ') });
    }

    // Add it back.
    before = done();
    await save(pathFileText);
    await settled(before, `adding ${what}`);
    const added = await bundled();
    expect(methodsOf(added, path)).toContain(target.method.toUpperCase());
    await expectAnswered(added, `after adding ${what} back`);
    expect(output.text).not.toMatch(/\[watch\] .* (exited|did not answer)/);
  }, 900_000);
});
