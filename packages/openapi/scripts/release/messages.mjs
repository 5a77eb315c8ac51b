// The words of the release gate: which client a breaking finding hurts, and the procedure
// for a change that must break (shared by check:breaking and npm run release).

/** Who a rule breaks: requests the API used to accept, or responses clients already read. */
const AUDIENCE = {
  'operation-removed': 'every client that calls it (now a 404)',
  'operation-id-changed': "the generated clients' method for it (@astral/client, @astral/msw, @astral/server handlers) is renamed",
  'parameter-removed': 'clients that send it',
  'parameter-now-required': 'clients that do not send it (now a 400)',
  'request-body-now-required': 'clients that send no body (now a 400)',
  'request-field-now-required': 'clients that do not send it (now a 400)',
  'request-field-removed': 'clients that send it (now a 400)',
  'request-type-narrowed': 'clients that send the other type (now a 400)',
  'request-enum-value-removed': 'clients that send that value (now a 400)',
  'request-constraint-narrowed': 'clients that send values the old bound allowed (now a 400)',
  'response-field-removed': 'clients that read it (typed clients see it as always present)',
  'response-type-changed': 'clients that parse the old type',
  'response-enum-value-added': 'clients that switch over the known values (mark the enum x-astral-extensible to promise new ones)',
  'success-status-removed': 'clients that expect that status',
};

/**
 * One breaking finding as a line that says what broke and for whom.
 * @example
 * describeFinding({ rule: 'operation-removed', where: 'DELETE /races/{race_id}', message: 'deleteRace is gone' }, released)
 * // 'DELETE /races/{race_id} (deleteRace): deleteRace is gone [operation-removed]; breaks every client that calls it (now a 404)'
 */
export function describeFinding(finding, released) {
  const [method, path] = finding.where.split(' ');
  const operationId = released.paths?.[path]?.[method?.toLowerCase()]?.operationId;
  const who = AUDIENCE[finding.rule] ?? 'existing clients';
  return `${finding.where}${operationId ? ` (${operationId})` : ''}: ${finding.message} [${finding.rule}]; breaks ${who}`;
}

/** The procedure for a change that must break clients, named wherever the gate refuses. */
export const PROCEDURE = (prefix) =>
  [
    `Breaking changes never ship under /api/${prefix}. Make the change additive instead (a new optional field or`,
    'operation; mark the old one `deprecated: true` with an x-astral-sunset date), or introduce it as a new major',
    `version under a new prefix (/api/v${Number(prefix.slice(1)) + 1}): a contract of its own beside this one.`,
    'See README.md, "Releasing" → "Breaking changes".',
  ].join('\n');
