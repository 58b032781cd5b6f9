// The scenario JSON Schema, built from the fault registry and the route-id list, so the
// schema editors use (scenarios/scenario.schema.json, written by write-schema.ts) and the
// loader's checks cannot drift apart. Pure.
import { faults, type FaultRegistry } from '../faults/index.js';
import { ROUTE_IDS } from './types.js';

/** Keys every step takes besides its fault's own parameters. */
export const COMMON_STEP_KEYS = ['fault', 'delay', 'probability'] as const;

/** The longest `matches` pattern a scenario may give (RE2 runs in linear time; this bounds compiling). */
export const MAX_PATTERN_LENGTH = 512;

type JsonSchema = Record<string, unknown>;

/** A TypeBox schema as plain JSON (no symbol or hidden keys). */
function plain(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** Every fault's parameters in one property list (editors complete them); which kind takes which is a semantic check. */
function stepSchema(registry: FaultRegistry): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    fault: { $ref: '#/definitions/faultKind' },
    delay: { $ref: '#/definitions/delay' },
    probability: { $ref: '#/definitions/probability' },
  };
  for (const fault of Object.values(registry)) {
    for (const [key, schema] of Object.entries(plain(fault.params).properties as Record<string, JsonSchema>)) {
      const known = properties[key];
      if (known && JSON.stringify({ ...known, description: '' }) !== JSON.stringify({ ...schema, description: '' })) {
        throw new Error(`fault ${fault.kind}: parameter "${key}" has another schema than in an earlier fault; one key, one meaning`);
      }
      const kinds = Object.values(registry).filter((other) => key in (other.params.properties as object)).map((other) => other.kind);
      properties[key] = { ...schema, description: `${kinds.join(', ')}: ${String(schema.description ?? '').replace(/^[\w-]+(, [\w-]+)*: /, '')}` };
    }
  }
  return { type: 'object', additionalProperties: false, properties };
}

const valuePredicate = {
  description: 'A test on a request value: exactly one of equals, contains, matches (RE2 regular expression), exists.',
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    equals: { description: 'The value is equal (strings, numbers, booleans, null).', type: ['string', 'number', 'boolean', 'null'] },
    contains: { description: 'A string value contains it, or an array value has an element equal to it.', type: ['string', 'number', 'boolean', 'null'] },
    matches: { description: 'A string value matches this RE2 regular expression (linear time, no backreferences).', type: 'string', minLength: 1, maxLength: MAX_PATTERN_LENGTH },
    exists: { description: 'true: the value is present; false: it is absent.', type: 'boolean' },
  },
};

export function scenarioSchema(registry: FaultRegistry = faults): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://genesys-retry-proxy.local/scenario.schema.json',
    title: 'Mock Genesys fault scenario',
    description: 'A YAML fault scenario for the mock Genesys Cloud server (see scenarios/README.md). Generated from mock-genesys/faults: do not edit by hand.',
    type: 'object',
    additionalProperties: false,
    required: ['rules'],
    properties: {
      name: { description: 'Scenario name (defaults to the file name without .yaml).', type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
      description: { description: 'One line on what the scenario does.', type: 'string' },
      seed: { description: 'Seed of every random draw (probability, delay): the same seed replays the same outcomes per session. Default 0.', type: 'integer', minimum: 0, maximum: 4294967295 },
      rules: {
        description: 'The first rule whose match fits takes the request; requests no rule matches behave normally.',
        type: 'array',
        items: { $ref: '#/definitions/rule' },
      },
      action: {
        description: 'Flow action the QA runner calls: it POSTs request to the proxy\'s /api/actions/{action}. Without it, request goes to /api/query.',
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9-]*$',
      },
      warm_up: {
        description: "Requests sent first, in the same session (e.g. to fill a flow action's cache), then a pause; only the last answer is checked. upstream_calls counts them too.",
        type: 'object',
        additionalProperties: false,
        required: ['requests'],
        properties: {
          requests: { type: 'integer', minimum: 1, maximum: 5 },
          then_wait_ms: { type: 'integer', minimum: 0, maximum: 30000 },
        },
      },
      request: { description: 'The body a flow POSTs to the proxy\'s /api/query (or /api/actions/{action}) for this scenario.', type: 'object' },
      expect: { $ref: '#/definitions/expectation' },
    },
    definitions: {
      routeId: { type: 'string', enum: [...ROUTE_IDS] },
      faultKind: { type: 'string', enum: Object.keys(registry) },
      probability: { description: 'Chance from 0 to 1 (default 1), drawn reproducibly per seed, session and call.', type: 'number', minimum: 0, maximum: 1 },
      valuePredicate,
      predicates: { type: 'object', additionalProperties: { $ref: '#/definitions/valuePredicate' } },
      rule: {
        type: 'object',
        additionalProperties: false,
        required: ['match', 'steps', 'then'],
        properties: {
          match: {
            description: 'Which requests the rule takes: route id, or method and/or path; page only with route analytics-query; body, headers, query and params predicates.',
            type: 'object',
            additionalProperties: false,
            properties: {
              route: { $ref: '#/definitions/routeId' },
              method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
              path: { type: 'string', pattern: '^/' },
              page: { type: 'integer', minimum: 1 },
              body: {
                description: 'JSONPath predicates over the JSON request body; each holds when some value at its path passes the test.',
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path'],
                  minProperties: 2,
                  maxProperties: 2,
                  additionalProperties: false,
                  properties: { path: { description: 'A JSONPath, e.g. $..predicates[?(@.dimension=="queueId")].value', type: 'string', pattern: '^\\$', maxLength: MAX_PATTERN_LENGTH }, ...valuePredicate.properties },
                },
              },
              headers: { description: 'Request headers by name (case-insensitive).', $ref: '#/definitions/predicates' },
              query: { description: 'Query-string parameters by name.', $ref: '#/definitions/predicates' },
              params: { description: 'Path parameters of the route id (queueId, userId, datatableId, rowId, conversationId, participantId, mediaType).', $ref: '#/definitions/predicates' },
            },
          },
          probability: { $ref: '#/definitions/probability' },
          steps: {
            description: 'One step per call to this rule, in order (per scenario and x-mock-session).',
            type: 'array',
            minItems: 1,
            items: { $ref: '#/definitions/step' },
          },
          then: { description: 'After the last step: pass (behave normally), repeat-last or cycle.', type: 'string', enum: ['pass', 'repeat-last', 'cycle'] },
        },
      },
      step: stepSchema(registry),
      delay: {
        description: 'Wait before the fault: exactly one of fixed_ms, uniform, lognormal.',
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: {
          fixed_ms: { type: 'integer', minimum: 0, maximum: 600000 },
          uniform: {
            type: 'object',
            additionalProperties: false,
            required: ['min_ms', 'max_ms'],
            properties: { min_ms: { type: 'integer', minimum: 0, maximum: 600000 }, max_ms: { type: 'integer', minimum: 0, maximum: 600000 } },
          },
          lognormal: {
            type: 'object',
            additionalProperties: false,
            required: ['median_ms', 'sigma'],
            properties: { median_ms: { type: 'number', exclusiveMinimum: 0, maximum: 600000 }, sigma: { type: 'number', minimum: 0, maximum: 5 } },
          },
        },
      },
      bounds: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
      },
      countOrBounds: { anyOf: [{ type: 'integer', minimum: 0 }, { $ref: '#/definitions/bounds' }] },
      expectation: {
        description: 'What the proxy must answer for this scenario (checked by the QA runner and the end-to-end suite).',
        type: 'object',
        additionalProperties: false,
        properties: {
          http_status: { type: 'integer', minimum: 100, maximum: 599 },
          envelope: { description: 'Envelope fields that must be equal.', type: 'object' },
          attempts: { $ref: '#/definitions/countOrBounds' },
          elapsed_ms: { $ref: '#/definitions/bounds' },
          upstream_calls: {
            description: 'Calls the mock journaled for the run\'s session, by route id or "METHOD /path".',
            type: 'object',
            additionalProperties: { $ref: '#/definitions/countOrBounds' },
          },
        },
      },
    },
  };
}

/** The schema file's text, as write-schema.ts writes it. */
export function scenarioSchemaText(registry: FaultRegistry = faults): string {
  return `${JSON.stringify(scenarioSchema(registry), null, 2)}\n`;
}
