// Twilio Studio: a flow definition (importable as a new flow, usable as a subflow) with a
// make-http-request widget that posts the action's body with the key header, a split-based-on
// on {{widgets.call_proxy.parsed.action}} with one transition per action value, and one
// set-variables state per branch that the designer connects onwards.
import type { FlatPropertySchema } from '../actions/catalog.js';
import { actionTitle, BRANCHES, dataOutputFields, endpointUrl, IDENTIFIER, keyHeaderValue, sourceKeys, type ExportOptions, type ExportableAction } from './flow-contract.js';

export interface StudioTransition {
  event: string;
  next?: string;
  conditions?: { friendly_name: string; arguments: string[]; type: 'equal_to'; value: string }[];
}
export interface StudioState {
  name: string;
  type: string;
  transitions: StudioTransition[];
  properties: Record<string, unknown> & { offset: { x: number; y: number } };
}
export interface StudioFlow {
  description: string;
  states: StudioState[];
  initial_state: string;
  flags: { allow_concurrent_calls: boolean };
}

export const CALL_WIDGET = 'call_proxy';
export const SPLIT_WIDGET = 'branch_on_action';
/** Placeholder for the caller key: Studio has no secret store, so the designer pastes it after import. */
export const TWILIO_KEY_PLACEHOLDER = 'REPLACE_WITH_PROXY_API_KEY';
/** Every trigger event starts the call (voice, messaging, conversations, REST API, as a subflow). */
const TRIGGER_EVENTS = ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'];

/** Liquid that renders one input, read from the flow's parameters (flow.data), as JSON. */
function liquidValue(name: string, schema: FlatPropertySchema): string {
  return schema.type === 'string' || schema.type === 'array' ? `{{flow.data.${name} | to_json}}` : `{{flow.data.${name}}}`;
}

/** The body template: optional inputs only when the flow passed them; deadline_ms closes the object. */
export function twilioBody(action: ExportableAction, deadlineMs: number): string {
  const required = new Set(action.inputSchema.required);
  const parts = Object.entries(action.inputSchema.properties).map(([name, schema]) => {
    const member = `"${name}":${liquidValue(name, schema)},`;
    return required.has(name) ? member : `{% if flow.data.${name} %}${member}{% endif %}`;
  });
  return `{${parts.join('')}"deadline_ms":${deadlineMs}}`;
}

/** What each branch state keeps for the rest of the flow. */
function branchVariables(action: ExportableAction, branch: (typeof BRANCHES)[number]['action']): { key: string; value: string }[] {
  const parsed = `widgets.${CALL_WIDGET}.parsed`;
  const variables = [{ key: 'proxy_action', value: `{{${parsed}.action}}` }];
  if (branch === 'process_data') {
    for (const field of dataOutputFields(action)) {
      const path = `${parsed}${sourceKeys(field).map((key) => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('')}`;
      variables.push({ key: field.name, value: `{{${path}}}` });
    }
    variables.push({ key: 'proxy_stale', value: `{{${parsed}.stale}}` });
  } else if (branch === 'wait_and_retry') {
    variables.push({ key: 'retry_after', value: `{{${parsed}.retry_after}}` });
  } else {
    variables.push({ key: 'error_code', value: `{{${parsed}.error_code}}` });
  }
  return variables;
}

export function twilioFlow(action: ExportableAction, options: ExportOptions): StudioFlow {
  const input = `{{widgets.${CALL_WIDGET}.parsed.action}}`;
  const fallback = 'route_to_fallback';
  const branchStates: StudioState[] = BRANCHES.map((branch, index) => ({
    name: branch.action,
    type: 'set-variables',
    transitions: [{ event: 'next' }],
    properties: {
      variables: branchVariables(action, branch.action),
      offset: { x: -600 + index * 300, y: 700 },
    },
  }));
  return {
    description: `Retry proxy - ${actionTitle(action)}: ${action.description} Branch states: ${BRANCHES.map((b) => `${b.action} = ${b.flowShould}`).join('; ')}.`,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: TRIGGER_EVENTS.map((event) => ({ event, next: CALL_WIDGET })),
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: CALL_WIDGET,
        type: 'make-http-request',
        // The proxy answers 200 for every upstream outcome; `failed` means it was unreachable or too slow.
        transitions: [
          { event: 'success', next: SPLIT_WIDGET },
          { event: 'failed', next: fallback },
        ],
        properties: {
          method: 'POST',
          url: endpointUrl(action, options),
          content_type: 'application/json;charset=utf-8',
          add_twilio_auth: false,
          headers: [{ key: options.keyHeader, value: keyHeaderValue(options, TWILIO_KEY_PLACEHOLDER) }],
          body: twilioBody(action, options.deadlineMs),
          offset: { x: 0, y: 200 },
        },
      },
      {
        name: SPLIT_WIDGET,
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: fallback },
          ...BRANCHES.map((branch) => ({
            event: 'match',
            next: branch.action,
            conditions: [{ friendly_name: branch.action, arguments: [input], type: 'equal_to' as const, value: branch.action }],
          })),
        ],
        properties: { input, offset: { x: 0, y: 450 } },
      },
      ...branchStates,
    ],
  };
}
