// Genesys Architect: the Web Services Data Action JSON that Architect's Import accepts. Field
// names follow the official SDK's Action / PostActionInput (purecloud-platform-client-v2):
// contract.input.inputSchema, contract.output.successSchema (flat), config.request
// (requestUrlTemplate, requestType, headers, requestTemplate in Velocity) and config.response
// (translationMap of JSONPaths, translationMapDefaults, successTemplate).
import type { FlatObjectSchema, FlatPropertySchema } from '../actions/catalog.js';
import { actionTitle, defaultValue, endpointUrl, IDENTIFIER, keyHeaderValue, outputFields, sourceKeys, type ExportOptions, type OutputField, type ExportableAction } from './flow-contract.js';

/** JSON Schema document as the SDK's JsonSchemaDocument names it. */
export interface JsonSchemaDocument {
  $schema: string;
  title: string;
  description?: string;
  type: 'object';
  required: string[];
  properties: Record<string, Record<string, unknown>>;
  additionalProperties: boolean;
}

export interface ArchitectDataAction {
  name: string;
  category: string;
  secure: boolean;
  /** What Architect's own export writes for a Web Services Data Action; Import reads it. */
  integrationType: 'custom-rest-actions';
  actionType: 'custom';
  contract: { input: { inputSchema: JsonSchemaDocument }; output: { successSchema: JsonSchemaDocument } };
  config: {
    timeoutSeconds: number;
    request: { requestUrlTemplate: string; requestType: 'POST'; headers: Record<string, string>; requestTemplate: string };
    response: { translationMap: Record<string, string>; translationMapDefaults: Record<string, string>; successTemplate: string };
  };
}

/** The credential field of the Web Services Data Actions integration that holds the proxy key. */
export const ARCHITECT_KEY_CREDENTIAL = 'apiKey';
const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-04/schema#';
/** Architect's action timeout range is 1..60 s. */
const ARCHITECT_MAX_TIMEOUT_S = 60;
/** Seconds the data action waits beyond deadline_ms: the proxy answers before its deadline, the network adds a little. */
const TIMEOUT_HEADROOM_S = 2;

/** The data action timeout for a deadline (also Terraform's config_timeout_seconds). */
export function actionTimeoutSeconds(deadlineMs: number): number {
  return Math.min(ARCHITECT_MAX_TIMEOUT_S, Math.ceil(deadlineMs / 1000) + TIMEOUT_HEADROOM_S);
}

/** Keywords an Architect contract property keeps (descriptions show in Architect's UI). */
function contractProperty(schema: FlatPropertySchema): Record<string, unknown> {
  return {
    type: schema.type,
    description: schema.description,
    ...(schema.items !== undefined ? { items: { type: schema.items.type } } : {}),
    ...(schema.enum !== undefined ? { enum: [...schema.enum] } : {}),
  };
}

function inputSchema(action: ExportableAction): JsonSchemaDocument {
  const schema: FlatObjectSchema = action.inputSchema;
  return {
    $schema: JSON_SCHEMA_DRAFT,
    title: `${action.name} input`,
    description: action.description,
    type: 'object',
    required: [...schema.required],
    properties: Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, contractProperty(property)])),
    additionalProperties: true,
  };
}

function successSchema(action: ExportableAction, fields: readonly OutputField[]): JsonSchemaDocument {
  return {
    $schema: JSON_SCHEMA_DRAFT,
    title: `${action.name} output`,
    description: 'The proxy envelope, flattened: branch on action.',
    type: 'object',
    required: fields.filter((field) => field.alwaysPresent).map((field) => field.name),
    properties: Object.fromEntries(fields.map((field) => [field.name, contractProperty(field.schema)])),
    additionalProperties: true,
  };
}

const jsonPathKey = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);

/** JSONPath of an output field in the envelope. */
export function envelopePath(field: OutputField): string {
  return `$${sourceKeys(field).map(jsonPathKey).join('')}`;
}

/** Velocity that renders one input value as JSON: strings escaped, numbers and booleans bare. */
function velocityValue(name: string, schema: FlatPropertySchema): string {
  const reference = `$input.${name}`;
  if (schema.type === 'string') return `"$esc.jsonString(${reference})"`;
  if (schema.type === 'array') {
    const item = schema.items?.type === 'string' ? '"$esc.jsonString($item)"' : '$item';
    return `[#foreach($item in ${reference})${item}#if($foreach.hasNext),#end#end]`;
  }
  return `\${input.${name}}`;
}

/**
 * The request body in Velocity. Optional inputs are sent only when the flow set them; every
 * field ends with a comma because deadline_ms always closes the object.
 */
export function requestTemplate(action: ExportableAction, deadlineMs: number): string {
  const required = new Set(action.inputSchema.required);
  const parts = Object.entries(action.inputSchema.properties).map(([name, schema]) => {
    if (!IDENTIFIER.test(name)) throw new Error(`${action.file}: input ${JSON.stringify(name)} cannot be a Velocity reference (letters, digits, _)`);
    const member = `"${name}":${velocityValue(name, schema)},`;
    return required.has(name) ? member : `#if("$!{input.${name}}" != "")${member}#end`;
  });
  return `{${parts.join('')}"deadline_ms":${deadlineMs}}`;
}

/** Genesys inserts each translated value as JSON, so the template needs no quotes of its own. */
function successTemplate(fields: readonly OutputField[]): string {
  return `{${fields.map((field) => `"${field.name}":\${${field.name}}`).join(',')}}`;
}

export function architectDataAction(action: ExportableAction, options: ExportOptions): ArchitectDataAction {
  const fields = outputFields(action);
  return {
    name: `Retry proxy - ${actionTitle(action)}`,
    category: action.category,
    secure: false,
    integrationType: 'custom-rest-actions',
    actionType: 'custom',
    contract: { input: { inputSchema: inputSchema(action) }, output: { successSchema: successSchema(action, fields) } },
    config: {
      timeoutSeconds: actionTimeoutSeconds(options.deadlineMs),
      request: {
        requestUrlTemplate: endpointUrl(action, options),
        requestType: 'POST',
        headers: {
          [options.keyHeader]: keyHeaderValue(options, `\${credentials.${ARCHITECT_KEY_CREDENTIAL}}`),
          'Content-Type': 'application/json',
        },
        requestTemplate: requestTemplate(action, options.deadlineMs),
      },
      response: {
        translationMap: Object.fromEntries(fields.map((field) => [field.name, envelopePath(field)])),
        // Values are JSON text, as Architect reads them: "" for strings, 0, false, [].
        translationMapDefaults: Object.fromEntries(fields.filter((field) => !field.alwaysPresent).map((field) => [field.name, JSON.stringify(defaultValue(field.schema))])),
        successTemplate: successTemplate(fields),
      },
    },
  };
}
