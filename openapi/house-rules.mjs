// The house rules that depend on what the contract holds, as a Redocly plugin (redocly.yaml
// loads it): they read the operations and tags from the document being linted instead of
// lists in redocly.yaml, so a new resource, verb or tag needs no edit to the lint config.
// It lives beside the contract because every copy of the contract takes it along: the
// breaking-change check lints and bundles the base commit's `openapi/`, and the add-a-resource
// proof lints a copy of it.
import { dirname, resolve } from 'node:path';

/** The REST verbs each HTTP method means on a resource (HTTP's vocabulary, not the API's). */
const METHOD_VERBS = { get: ['get', 'list'], post: ['create'], put: ['update', 'replace'], patch: ['update'], delete: ['delete'] };

/** A 2xx JSON body must `$ref` one of the `*Envelope` schemas. */
const ENVELOPE_REF = /(^|\/)[A-Z][A-Za-z0-9]*Envelope(\.yaml)?$/;

/** The lower-case words of a path's fixed segments: `/auth/request-password-reset` → auth, request, password, reset. */
const pathWords = (path) =>
  path
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{'))
    .flatMap((segment) => segment.toLowerCase().split(/[-_.]/));

/** The verb a description opens with, in the infinitive: "Exchanges a token" → exchange. */
const openingVerb = (description) => {
  const first = /^[A-Za-z]+/.exec(description ?? '')?.[0]?.toLowerCase() ?? '';
  return [first, first.replace(/s$/, ''), first.replace(/es$/, '')];
};

/**
 * operationIds are camelCase verb-noun (`listRaces`, `acceptInvitation`); a lone verb only
 * where it is the path's own last word (`POST /auth/login` → `login`). The verb is the REST
 * verb of the method, or an action the operation states itself: a word of its path
 * (`/invitations/accept`, `/auth/token/refresh`) or the verb its description opens with
 * ("Exchanges a Firebase ID token" → `exchangeFirebaseToken`).
 */
function OperationIdVerbNoun() {
  let path = '';
  return {
    PathItem: {
      enter(_pathItem, ctx) {
        path = String(ctx.key);
      },
    },
    Operation: {
      enter(operation, ctx) {
        const id = operation.operationId;
        if (typeof id !== 'string') return; // operation-documented reports a missing one
        const report = (why) =>
          ctx.report({
            message: `operationId must be a camelCase verb-noun (listRaces, acceptInvitation), or the path's last word alone (login): ${why}`,
            location: ctx.location.child(['operationId']),
          });
        const words = pathWords(path);
        if (/^[a-z]+$/.test(id)) {
          if (id !== words.at(-1)) report(`"${id}" is a single word that is not the path's last word`);
          return;
        }
        if (!/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(id)) return report(`"${id}" does not start with a lower-case verb followed by a noun`);
        const verb = /^[a-z]+/.exec(id)[0];
        const verbs = new Set([...(METHOD_VERBS[String(ctx.key)] ?? []), ...words, ...openingVerb(operation.description)]);
        if (!verbs.has(verb)) {
          report(
            `"${verb}" is neither a ${String(ctx.key).toUpperCase()} verb (${(METHOD_VERBS[String(ctx.key)] ?? []).join(', ')}) nor a word of ${path} or the verb its description opens with`,
          );
        }
      },
    },
  };
}

/**
 * Every 2xx response body uses the `{"status": "ok", ...}` envelope, except in the tags the
 * contract marks `x-astral-envelope: false` (Auth answers bare payloads).
 */
function SuccessResponseUsesEnvelope() {
  let bareTags = new Set();
  return {
    Root: {
      enter(root) {
        bareTags = new Set((root.tags ?? []).filter((tag) => tag['x-astral-envelope'] === false).map((tag) => tag.name));
      },
    },
    Operation: {
      enter(operation, ctx) {
        if ((operation.tags ?? []).some((tag) => bareTags.has(tag))) return;
        for (const [status, raw] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          const resolved = ctx.resolve(raw);
          const location = raw?.$ref ? resolved.location : ctx.location.child(['responses', status]);
          for (const [mediaType, media] of Object.entries(resolved.node?.content ?? {})) {
            // An event stream is no JSON body to wrap: its schema types one event.
            if (mediaType === 'text/event-stream') continue;
            // A calendar feed is a document of its own format (RFC 5545), not a JSON body to wrap.
            if (mediaType === 'text/calendar') continue;
            if (ENVELOPE_REF.test(media?.schema?.$ref ?? '')) continue;
            ctx.report({
              message: `2xx responses outside the tags marked x-astral-envelope: false must use an *Envelope schema`,
              location: location?.child(['content', mediaType, 'schema']) ?? ctx.location,
            });
          }
        }
      },
    },
  };
}

/** A `{ $ref }` object standing for a part of another example, inside an example's `value`. */
const isValueRef = (node) => node !== null && typeof node === 'object' && Object.keys(node).length === 1 && typeof node.$ref === 'string';

/**
 * Lets an example's `value` take a part of a shared example instead of a copy of it:
 * `profile: { $ref: ../components/examples/AthleteProfile.yaml#/value/data }` becomes that
 * example's profile, before the lint rules check the example against its schema and before
 * the bundle is written. OpenAPI reads an example's value as literal data, so Redocly leaves
 * such a `$ref` alone; this preprocessor resolves it against the example files the document
 * already references as examples (a part of one nothing references is reported).
 */
function ExampleValueRefs() {
  /** Every example file read as a whole example, by absolute path. */
  const shared = new Map();
  /** The `$ref`s found in example values: where they stand, and the file that holds them. */
  const pending = [];
  const collect = (node, from, location) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (isValueRef(child)) pending.push({ holder: node, key, ref: child.$ref, from, location: location.child([key]) });
      else collect(child, from, location.child([key]));
    }
  };
  return {
    Example: {
      enter(example, ctx) {
        const source = ctx.location.source.absoluteRef;
        if (ctx.location.pointer === '#/') shared.set(source, example);
        collect(example.value, source, ctx.location.child(['value']));
      },
    },
    Root: {
      leave(_root, ctx) {
        for (const { holder, key, ref, from, location } of pending.splice(0)) {
          const [file, pointer = ''] = ref.split('#');
          const example = shared.get(resolve(dirname(from), file));
          const part = pointer
            .split('/')
            .filter(Boolean)
            .reduce((node, segment) => node?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')], example);
          if (part === undefined) {
            ctx.report({ message: `${ref}: no such part of an example the document references as an example`, location });
            continue;
          }
          holder[key] = structuredClone(part);
        }
      },
    },
  };
}

export default function houseRules() {
  return {
    id: 'astral',
    preprocessors: { oas3: { 'example-value-refs': ExampleValueRefs } },
    rules: { oas3: { 'operation-id-verb-noun': OperationIdVerbNoun, 'success-response-uses-envelope': SuccessResponseUsesEnvelope } },
  };
}
