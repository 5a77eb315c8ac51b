import { describe, expect, it } from 'vitest';
import {
  credentialQueryParametersOf,
  redactCredentialsInUrl,
  bodyLimitOf,
  describeContract,
  errorCatalogueOf,
  inlineRefs,
  isOpen,
  methodOf,
  namespaceOf,
  operationsOf,
  resolveRef,
  resourceNounOf,
  schemaExample,
  withErrorExamples,
  type OpenApiDocument,
} from '../src/reader/index.js';
import { bundled } from './bundled.js';

/** A small document with a two-word resource, built on the real contract's components. */
function withTrainingPlans(): OpenApiDocument {
  const document = structuredClone(bundled) as OpenApiDocument;
  const errorResponse = (name: string) => ({ $ref: `#/components/responses/${name}` });
  document.tags = [...(document.tags ?? []), { name: 'Training Plans', description: 'Plans.' }];
  document.paths['/training-plans/{training_plan_id}'] = {
    parameters: [{ name: 'training_plan_id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
    get: {
      operationId: 'getTrainingPlan',
      tags: ['Training Plans'],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        '404': errorResponse('NotFound'),
        '409': errorResponse('Conflict'),
      },
    },
  };
  return document;
}

describe('the contract reader', () => {
  it('follows reference chains and refuses a cycle instead of looping', () => {
    const document = {
      ...bundled,
      components: { ...bundled.components, schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } },
    } as OpenApiDocument;
    expect(resolveRef(bundled, { $ref: '#/components/schemas/RaceName' }).maxLength).toBe(200);
    expect(() => resolveRef(document, { $ref: '#/components/schemas/A' })).toThrow(/cycle/);
    expect(() => resolveRef(bundled, { $ref: '#/components/schemas/Nope' })).toThrow(/points nowhere/);
  });

  it('inlines references and refuses a recursive schema', () => {
    expect(inlineRefs(bundled, { $ref: '#/components/schemas/RaceCreate' }).properties.race_name.maxLength).toBe(200);
    const recursive = {
      ...bundled,
      components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } },
    } as unknown as OpenApiDocument;
    expect(() => inlineRefs(recursive, { $ref: '#/components/schemas/Node' })).toThrow(/recursive/);
  });

  it('unrolls a recursive schema as deep as its x-astral-max-depth, then allows nothing', () => {
    // ContentBlock nests 3 deep: depth 1's children are depth 2, theirs depth 3, and depth 3 has none.
    const block = inlineRefs(bundled, { $ref: '#/components/schemas/ContentBlock' });
    expect(bundled.components.schemas.ContentBlock['x-astral-max-depth']).toBe(3);
    const depth2 = block.properties.blocks.items;
    const depth3 = depth2.properties.blocks.items;
    expect(depth3.properties.type.enum).toContain('interval');
    expect(depth3.properties.blocks.items).toBe(false);
  });

  it('walks every operation in contract order', () => {
    const walked = operationsOf(bundled).map((o) => `${o.method} ${o.path} ${o.operationId}`);
    const count = Object.values<any>(bundled.paths).flatMap((item) => Object.values<any>(item).filter((op) => op?.operationId)).length;
    expect(walked).toHaveLength(count);
    // These first; a resource added later (`npm run new:resource` appends its paths) after them.
    const first = [
      'get /races listRaces',
      'post /races createRace',
      'get /races/{race_id} getRace',
      'put /races/{race_id} updateRace',
      'delete /races/{race_id} deleteRace',
      'get /auth/me getMe',
      'post /auth/request-verification requestVerification',
      'post /auth/verify-token verifyToken',
      'post /auth/complete-signup completeSignup',
      'post /auth/login login',
      'post /auth/token/refresh refreshToken',
      'post /auth/logout logout',
      'post /auth/request-password-reset requestPasswordReset',
      'post /auth/reset-password resetPassword',
      'post /auth/signup exchangeFirebaseToken',
      'get /users/{user_id} getUser',
      'put /users/{user_id} updateUser',
      'get /users/{user_id}/public getUserPublicProfile',
      'get /organizations listOrganizations',
      'post /organizations createOrganization',
      'get /organizations/{org_id} getOrganization',
      'put /organizations/{org_id} updateOrganization',
      'get /organizations/{org_id}/members listOrganizationMembers',
      'post /organizations/{org_id}/members createOrganizationMember',
      'get /organizations/{org_id}/members/{user_id} getOrganizationMember',
      'put /organizations/{org_id}/members/{user_id} updateOrganizationMember',
      'delete /organizations/{org_id}/members/{user_id} deleteOrganizationMember',
      'put /organizations/{org_id}/members/{user_id}/role updateOrganizationMemberRole',
      'put /organizations/{org_id}/members/{user_id}/coach updateOrganizationMemberCoach',
      'get /organizations/{org_id}/audit-events listOrganizationAuditEvents',
      'get /organizations/{org_id}/api-keys listOrganizationApiKeys',
      'post /organizations/{org_id}/api-keys createOrganizationApiKey',
      'delete /organizations/{org_id}/api-keys/{key_id} deleteOrganizationApiKey',
      'get /organizations/{org_id}/invitations listOrganizationInvitations',
      'post /organizations/{org_id}/invitations createOrganizationInvitation',
      'delete /organizations/{org_id}/invitations/{invitation_id} deleteOrganizationInvitation',
      'post /invitations/accept acceptInvitation',
      'get /organizations/{org_id}/groups listOrganizationGroups',
      'post /groups createGroup',
      'get /groups/{group_id} getGroup',
      'put /groups/{group_id} updateGroup',
      'delete /groups/{group_id} deleteGroup',
    ];
    expect(walked.slice(0, first.length)).toEqual(first);
  });

  it('names client calls once: tag → namespace, verb (or what a get fetches) → method', () => {
    expect(namespaceOf('Races')).toBe('races');
    expect(namespaceOf('Training Plans')).toBe('trainingPlans');
    expect(methodOf('listRaces', 'Races')).toBe('list');
    expect(methodOf('getRace', 'Races')).toBe('get');
    expect(methodOf('deleteRace', 'Races')).toBe('delete');
    expect(methodOf('getMe', 'Auth')).toBe('me');
    expect(methodOf('getRaceStats', 'Races')).toBe('stats');
    expect(methodOf('getActivityStreams', 'Activities')).toBe('streams');
    expect(methodOf('getActivity', 'Activities')).toBe('get');
    expect(methodOf('cancelRaceEntry', 'Races')).toBe('cancelEntry');
    expect(methodOf('getRacer', 'Races')).toBe('racer');
    expect(methodOf('listTrainingPlans', 'Training Plans')).toBe('list');
    expect(methodOf('getTrainingPlan', 'Training Plans')).toBe('get');
    expect(resourceNounOf('training_plan_id')).toBe('training plan');
  });

  it('refuses two operations that would share a client call', () => {
    const document = withTrainingPlans();
    document.paths['/training-plans'] = {
      get: { ...document.paths['/training-plans/{training_plan_id}']!.get, operationId: 'getTrainingPlans', parameters: [] },
    };
    expect(() => describeContract(document)).toThrow(
      /getTrainingPlan.*both be client\.trainingPlans\.get|both be client\.trainingPlans\.get/,
    );
  });

  it('reads the error catalogue and refuses one that disagrees with the ErrorCode enum', () => {
    const catalogue = errorCatalogueOf(bundled);
    expect(Object.keys(catalogue)).toEqual(resolveRef(bundled, { $ref: '#/components/schemas/ErrorCode' }).enum);
    expect(catalogue.NOT_FOUND).toMatchObject({ status: 404, resourceMessage: '{Resource} not found' });
    const broken = structuredClone(bundled) as OpenApiDocument;
    broken.components.schemas!.ErrorCode.enum.push('TEAPOT');
    expect(() => errorCatalogueOf(broken)).toThrow(/TEAPOT has no entry/);
  });

  it('reads the body limit from the contract, not from prose', () => {
    expect(bodyLimitOf(bundled)).toBe(1_048_576);
  });

  it('derives error examples per operation, in the resource’s own words', () => {
    const document = withErrorExamples(withTrainingPlans());
    const responses = document.paths['/training-plans/{training_plan_id}']!.get.responses;
    const first = (status: string) => Object.values<any>(responses[status].content['application/json'].examples)[0].value;
    expect(first('404')).toEqual({ error: 'Training plan not found', details: { code: 'NOT_FOUND', field: 'training_plan_id' } });
    expect(first('409')).toEqual({ error: 'This training plan conflicts with one that already exists', details: { code: 'CONFLICT' } });
  });

  it('keeps an operation’s own error examples first (x-astral-error-examples)', () => {
    const updateRace = bundled.paths['/races/{race_id}'].put;
    const names = Object.keys(updateRace.responses['409'].content['application/json'].examples);
    expect(names[0]).toBe('duplicateRace');
    expect(updateRace['x-astral-error-examples']).toBeUndefined();
  });

  it('builds a schema example from the examples of its parts, through refs, inventing nothing', () => {
    const document = {
      ...bundled,
      components: {
        schemas: {
          Name: { type: 'string', example: 'Chicago Marathon' },
          Tags: { type: 'array', items: { type: 'string', example: 'Open' } },
          Race: {
            type: 'object',
            properties: {
              name: { $ref: '#/components/schemas/Name' },
              tags: { $ref: '#/components/schemas/Tags' },
              venue: { type: 'object', properties: { city: { type: 'string', examples: ['Chicago'] } } },
              note: { type: 'string' },
              categories: { type: 'array', items: { type: 'string' }, example: ['Open', 'Masters'] },
            },
          },
        },
      },
    } as OpenApiDocument;
    expect(schemaExample(document, { $ref: '#/components/schemas/Race' })).toEqual({
      name: 'Chicago Marathon',
      tags: ['Open'],
      venue: { city: 'Chicago' },
      categories: ['Open', 'Masters'],
    });
  });

  it('gives every required Race field an example, so the fixture is a whole Race', () => {
    const race = schemaExample(bundled, bundled.components.schemas.Race);
    expect(bundled.components.schemas.Race.required.length).toBeGreaterThan(0);
    expect(Object.keys(race)).toEqual(expect.arrayContaining(bundled.components.schemas.Race.required));
  });

  it('calls an operation open when it has no security alternative or an empty one', () => {
    expect(isOpen([])).toBe(true);
    expect(isOpen([['bearerAuth'], []])).toBe(true);
    expect(isOpen([['bearerAuth'], ['apiKeyAuth']])).toBe(false);
  });
});

describe('credentials in URLs', () => {
  it("names the contract's in: query credential parameters, and redacts their values wherever they are in a URL", () => {
    const names = credentialQueryParametersOf(bundled);
    expect(names).toEqual(['feed_token']);
    const token = 'astral_cf_Kp3DkWv7N2xQa9RtLm4ZbH8sYc6EjGu1FoTn5Vi00zuLv3';
    expect(redactCredentialsInUrl(`/api/v1/training/plan-instances/pli_1/calendar.ics?feed_token=${token}`, names)).toBe(
      '/api/v1/training/plan-instances/pli_1/calendar.ics?feed_token=[redacted]',
    );
    expect(redactCredentialsInUrl(`/x?a=1&FEED_TOKEN=${token}&feed_token=${token}#f`, names)).toBe(
      '/x?a=1&FEED_TOKEN=[redacted]&feed_token=[redacted]#f',
    );
    // Another parameter that merely ends in the name, and a URL without a query, stay as they are.
    expect(redactCredentialsInUrl(`/x?my_feed_token=${token}`, names)).toBe(`/x?my_feed_token=${token}`);
    expect(redactCredentialsInUrl('/x/feed_token=1', names)).toBe('/x/feed_token=1');
  });
});
