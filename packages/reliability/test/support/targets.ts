// The resource a matrix cell or an authorization check acts on, through the API itself:
// the operation that creates it is found in the operation table (`creatorOf`); a target
// nothing creates (`/users/{user_id}`) is the owner's own principal, whose id the owner's
// "who am I" operation answers (`ownIds`).
import {
  actsOnPrincipal,
  basePath,
  creatorOf,
  exampleBody,
  operationTable,
  ownIds,
  type ApiRequest,
  type OperationId,
  type Send,
} from '../../src/index.js';

let counter = 0;

/** Creates (or, for a principal's own resource, looks up) a target for `id` owned by `owner`; resolves with the path values that address it. */
export async function createTarget(send: Send, id: OperationId, owner: Record<string, string>): Promise<Record<string, string>> {
  if (actsOnPrincipal(id)) return ownIds(send, id, owner);
  const creator = creatorOf(id);
  const params = operationTable[id].pathParams as readonly string[];
  if (!creator || params.length === 0) return {};
  const request: ApiRequest = {
    operationId: creator,
    method: operationTable[creator].method.toUpperCase(),
    url: `${basePath}${operationTable[creator].path}`,
    headers: { ...owner, 'content-type': 'application/json' },
    body: JSON.stringify(exampleBody(creator, `t${process.pid}x${++counter}`)),
  };
  const response = await send(request);
  if (response.status !== operationTable[creator].successStatus)
    throw new Error(`creating a target failed: ${response.status} ${response.body}`);
  const created = JSON.parse(response.body);
  return Object.fromEntries(params.map((name) => [name, String(created.data?.[name] ?? created[name])]));
}
