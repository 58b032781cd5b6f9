// The generators on their own: what each target's file must contain for its tool to accept it,
// checked by parsing it (HCL with a maintained parser, the Studio state graph, the Velocity
// template with velocityjs) rather than by comparing snapshots.
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { actionTimeoutSeconds, architectDataAction } from '../../src/export/architect.js';
import { exportAction, exportAll } from '../../src/export/export.js';
import { BRANCHES, ExportOptionsError, resolveOptions, type ExportableAction } from '../../src/export/flow-contract.js';
import { hclString, terraformFile } from '../../src/export/terraform.js';
import { CALL_WIDGET, SPLIT_WIDGET, twilioFlow, type StudioFlow } from '../../src/export/twilio.js';
import { ACTIONS } from '../../src/envelope.js';
import { ArchitectRunFailure, renderRequestBody, schemaMismatches, translateResponse } from './architect-runtime.js';
import { allFixtureActions, conversationDetails, dataTableRow, queueEstimatedWaitTime } from './fixtures/actions.js';
import { generateDay } from '../../mock-genesys/genesys/analytics/dataset.js';
import { summarize } from '../../src/query/summary.js';
import { shippedActions } from './catalog-source.js';

const architect = (action: ExportableAction) => architectDataAction(action, resolveOptions('architect'));

const failureEnvelope = {
  success: false,
  status_code: 503,
  fallback_type: 'api_failure',
  action: 'route_to_fallback',
  error_code: 'upstream_unavailable',
  data: {},
  attempts: 4,
  elapsed_ms: 2100,
  correlation_id: 'c-1',
};

describe('Architect data action', () => {
  it('maps a failure envelope (data empty, optional fields absent) to every output thanks to the defaults', () => {
    const exported = architect(queueEstimatedWaitTime);
    const output = translateResponse(exported, failureEnvelope);
    expect(schemaMismatches(exported, output)).toEqual([]);
    expect(output).toMatchObject({ action: 'route_to_fallback', estimated_wait_time_s: 0, formula: '', retry_after: 0, stale: false });
  });

  it('fails at run time without translationMapDefaults, as the old README map did', () => {
    const exported = architect(queueEstimatedWaitTime);
    const withoutDefaults = { ...exported, config: { ...exported.config, response: { ...exported.config.response, translationMapDefaults: {} } } };
    expect(() => translateResponse(withoutDefaults, failureEnvelope)).toThrow(ArchitectRunFailure);
  });

  it('defaults every field that can be absent, and only those', () => {
    const { translationMap, translationMapDefaults } = architect(dataTableRow).config.response;
    const undefaulted = Object.keys(translationMap).filter((name) => !(name in translationMapDefaults));
    expect(undefaulted.sort()).toEqual(['action', 'fallback_type', 'status_code', 'success']);
    for (const text of Object.values(translationMapDefaults)) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('renames a data field that an envelope field shadows and quotes keys JSONPath cannot dot', () => {
    const exported = architect(dataTableRow);
    const map = exported.config.response.translationMap;
    expect(map.action).toBe('$.action');
    expect(map.data_action).toBe('$.data.action');
    expect(map.opening_hours).toBe("$.data['opening hours']");
    const output = translateResponse(exported, {
      ...failureEnvelope,
      success: true,
      action: 'process_data',
      fallback_type: 'none',
      status_code: 200,
      error_code: undefined,
      data: { key: 'k1', action: 'open', 'opening hours': '9-17', tags: ['a', 'b'] },
    });
    expect(schemaMismatches(exported, output)).toEqual([]);
    expect(output).toMatchObject({ action: 'process_data', data_action: 'open', opening_hours: '9-17', tags: ['a', 'b'] });
  });

  it('flags a value of the wrong type', () => {
    const exported = architect(queueEstimatedWaitTime);
    const output = translateResponse(exported, { ...failureEnvelope, data: { estimated_wait_time_s: 'soon' } });
    expect(schemaMismatches(exported, output)).toEqual(['estimated_wait_time_s: "soon" is not number']);
  });

  it('renders strings escaped, numbers and booleans bare, and leaves unset optional inputs out', () => {
    const exported = architect(dataTableRow);
    const body = renderRequestBody(exported, { datatable_id: 'a "quoted" \\ name\n', key: 'k', limit: 2.5, flags: [true, false] });
    expect(JSON.parse(body)).toEqual({ datatable_id: 'a "quoted" \\ name\n', key: 'k', limit: 2.5, flags: [true, false], deadline_ms: 8000 });
    expect(JSON.parse(renderRequestBody(exported, { datatable_id: 'd', key: 'k' }))).toEqual({ datatable_id: 'd', key: 'k', deadline_ms: 8000 });
  });

  it('takes the key from the integration credentials and sets the timeout above the deadline', () => {
    const exported = architectDataAction(queueEstimatedWaitTime, resolveOptions('architect', { deadlineMs: 20_000, keyHeader: 'authorization' }));
    expect(exported.config.request.headers.authorization).toBe('Bearer ${credentials.apiKey}');
    expect(exported.config.timeoutSeconds).toBe(22);
    expect(JSON.parse(renderRequestBody(exported, { queue_id: 'q' })).deadline_ms).toBe(20_000);
    expect(actionTimeoutSeconds(55_000)).toBe(57);
    expect(exported.config.request.requestUrlTemplate).toBe('https://proxy.example.com/api/actions/queue-estimated-wait-time');
  });
});

describe('options', () => {
  it('refuses bad options with a message naming them', () => {
    expect(() => resolveOptions('architect', { proxyUrl: 'not a url' })).toThrow(/proxy URL "not a url" is not a URL/);
    expect(() => resolveOptions('architect', { proxyUrl: 'ftp://x' })).toThrow(/http or https/);
    expect(() => resolveOptions('architect', { keyHeader: 'x key' })).toThrow(/not a header name/);
    expect(() => resolveOptions('twilio', { deadlineMs: 9500 })).toThrow(ExportOptionsError);
    expect(() => resolveOptions('twilio', { deadlineMs: 9500 })).toThrow(/10 s/);
    expect(resolveOptions('architect', { deadlineMs: 9500, proxyUrl: 'https://p.example/base/' })).toMatchObject({ deadlineMs: 9500, proxyUrl: 'https://p.example/base' });
  });
});

/** hcl2json keeps template escapes: `$${` reads `${` in Terraform. */
const unescapeTemplate = (text: string) => text.replace(/([$%])\1\{/g, '$1{');

describe('Terraform', () => {
  it('parses as HCL and names every required field of genesyscloud_integration_action', async () => {
    const text = terraformFile(allFixtureActions, resolveOptions('terraform'));
    const parsed = (await parseHcl('retry-proxy.tf', text)) as { resource: { genesyscloud_integration_action: Record<string, Record<string, unknown>[]> }; variable: Record<string, unknown> };
    const resources = parsed.resource.genesyscloud_integration_action;
    expect(Object.keys(resources).sort()).toEqual(['conversation_details', 'data_table_row', 'queue_estimated_wait_time']);
    expect(parsed.variable).toHaveProperty('retry_proxy_integration_id');
    for (const action of allFixtureActions) {
      const resource = resources[action.name.replace(/-/g, '_')]![0]!;
      const exported = architect(action);
      for (const field of ['name', 'category', 'integration_id', 'contract_input', 'contract_output', 'secure', 'config_timeout_seconds', 'config_request', 'config_response']) {
        expect(resource, field).toHaveProperty(field);
      }
      expect(resource.integration_id).toBe('${var.retry_proxy_integration_id}');
      expect(resource.config_timeout_seconds).toBe(exported.config.timeoutSeconds);
      expect(resource.contract_input).toMatch(/^\$\{jsonencode\(/);
      const request = (resource.config_request as Record<string, unknown>[])[0]!;
      expect(request.request_type).toBe('POST');
      expect(unescapeTemplate(request.request_template as string)).toBe(exported.config.request.requestTemplate);
      expect(unescapeTemplate(request.request_url_template as string)).toBe(exported.config.request.requestUrlTemplate);
      const response = (resource.config_response as Record<string, unknown>[])[0]!;
      expect(unescapeTemplate(response.success_template as string)).toBe(exported.config.response.successTemplate);
      expect(response.translation_map).toEqual(exported.config.response.translationMap);
      expect(response.translation_map_defaults).toEqual(exported.config.response.translationMapDefaults);
    }
  });

  it('escapes what HCL would read as a template', () => {
    expect(hclString('a "b" ${c} %{d} \\ \n')).toBe('"a \\"b\\" $${c} %%{d} \\\\ \\n"');
  });

  it('keeps the integration as a commented stub', () => {
    const text = terraformFile([queueEstimatedWaitTime], resolveOptions('terraform'));
    expect(text).toMatch(/^# resource "genesyscloud_integration" "retry_proxy" \{$/m);
    expect(text).toMatch(/^#\s+integration_type = "custom-rest-actions"$/m);
    expect(text).not.toMatch(/^resource "genesyscloud_integration"\s/m);
  });
});

/** Names of states a transition points to that do not exist, and states nothing reaches. */
function graphProblems(flow: StudioFlow): string[] {
  const names = new Set(flow.states.map((state) => state.name));
  const problems: string[] = [];
  if (names.size !== flow.states.length) problems.push('duplicate state names');
  if (!names.has(flow.initial_state)) problems.push(`initial_state ${flow.initial_state} missing`);
  const reached = new Set([flow.initial_state]);
  for (const state of flow.states) {
    if (!/^[A-Za-z0-9_]+$/.test(state.name)) problems.push(`state name ${state.name} has characters Studio refuses`);
    for (const transition of state.transitions) {
      if (transition.next === undefined) continue;
      if (!names.has(transition.next)) problems.push(`${state.name} --${transition.event}--> ${transition.next} (missing)`);
      reached.add(transition.next);
    }
  }
  for (const name of names) if (!reached.has(name)) problems.push(`${name} is unreachable`);
  return problems;
}

describe('Twilio Studio flow', () => {
  it.each(allFixtureActions.map((action) => [action.name, action] as const))('%s: has a valid state graph with one match per action value', (_name, action) => {
    const flow = twilioFlow(action, resolveOptions('twilio'));
    expect(graphProblems(flow)).toEqual([]);
    const split = flow.states.find((state) => state.name === SPLIT_WIDGET)!;
    expect(split.type).toBe('split-based-on');
    expect(split.properties.input).toBe(`{{widgets.${CALL_WIDGET}.parsed.action}}`);
    const matched = split.transitions.filter((t) => t.event === 'match').map((t) => t.conditions![0]!.value);
    expect(matched).toEqual([...ACTIONS]);
    expect(split.transitions.find((t) => t.event === 'noMatch')?.next).toBe('route_to_fallback');
    const call = flow.states.find((state) => state.name === CALL_WIDGET)!;
    expect(call.type).toBe('make-http-request');
    expect(call.properties).toMatchObject({ method: 'POST', content_type: 'application/json;charset=utf-8' });
    expect(call.properties.headers).toEqual([{ key: 'x-api-key', value: 'REPLACE_WITH_PROXY_API_KEY' }]);
    expect(call.transitions).toEqual([{ event: 'success', next: SPLIT_WIDGET }, { event: 'failed', next: 'route_to_fallback' }]);
  });

  it('asks the proxy for a deadline below the widget timeout and names every input', () => {
    const flow = twilioFlow(queueEstimatedWaitTime, resolveOptions('twilio'));
    const body = flow.states.find((state) => state.name === CALL_WIDGET)!.properties.body as string;
    const deadline = Number(/"deadline_ms":(\d+)\}$/.exec(body)?.[1]);
    expect(deadline).toBeLessThan(10_000);
    expect(body).toContain('"queue_id":{{flow.data.queue_id | to_json}},');
    expect(body).toContain('{% if flow.data.media_type %}"media_type":{{flow.data.media_type | to_json}},{% endif %}');
  });

  it('keeps the data fields in the process_data state', () => {
    const flow = twilioFlow(conversationDetails, resolveOptions('twilio'));
    const keys = (flow.states.find((s) => s.name === 'process_data')!.properties.variables as { key: string }[]).map((v) => v.key);
    expect(keys).toEqual(expect.arrayContaining(['proxy_action', 'record_count', 'total_hits', 'pages_fetched', 'truncated']));
  });
});

describe('CXone snippet', () => {
  it('posts with GetRESTProxy, parses and sets the branch, with the retries note', () => {
    const { text } = exportAction(queueEstimatedWaitTime, 'cxone', { proxyUrl: 'https://proxy.example.com' });
    expect(text).toContain('ASSIGN proxy = GetRESTProxy()');
    expect(text).toContain('proxy.AddHeader("x-api-key", proxyApiKey)');
    expect(text).toContain('proxy.MakeRestRequest(proxyUrl, proxyRequest, 0, "POST")');
    expect(text).toContain('ASSIGN proxyAction = proxyResponse.action');
    expect(text).toContain('ASSIGN estimated_wait_time_s = proxyResponse.data.estimated_wait_time_s');
    expect(text).toMatch(/retries OFF/);
    for (const branch of BRANCHES) expect(text).toContain(`"${branch.action}"`);
    expect(text).toContain('IF media_type != "" { proxyBody.media_type = media_type }');
  });

  it('refuses a URL a CXone string cannot hold', () => {
    expect(() => exportAction(queueEstimatedWaitTime, 'cxone', { proxyUrl: 'https://proxy.example.com/{x}' })).toThrow(/CXone string/);
  });
});

describe('export of everything', () => {
  it('writes one file per action and target, Terraform as one module', () => {
    const names = exportAll(allFixtureActions).map((file) => file.fileName);
    expect(names).toContain('architect/queue-estimated-wait-time.architect.json');
    expect(names).toContain('twilio/conversation-details.twilio-flow.json');
    expect(names).toContain('cxone/data-table-row.cxone-snippet.txt');
    expect(names.filter((name) => name.startsWith('terraform/'))).toEqual(['terraform/retry-proxy-actions.tf']);
    expect(names).toHaveLength(3 * 3 + 1);
  });
});

describe('conversation-details with summary: true (the shipped action)', () => {
  const summary = summarize(generateDay(1, 20_400).map((stored) => stored.conversation as unknown as Record<string, unknown>));
  const envelope = {
    success: true,
    status_code: 200,
    fallback_type: 'none',
    action: 'process_data',
    data: summary,
    record_count: summary.conversations,
    total_hits: summary.conversations,
    pages_fetched: 1,
    truncated: false,
    attempts: 1,
    elapsed_ms: 40,
    correlation_id: 'c-1',
  };
  const expected = {
    record_count: summary.conversations,
    summary_inbound: summary.by_direction.inbound,
    summary_outbound: summary.by_direction.outbound,
    summary_voice: summary.by_media_type.voice,
    summary_callback: summary.by_media_type.callback,
    summary_chat: summary.by_media_type.chat,
    summary_email: summary.by_media_type.email,
    summary_message: summary.by_media_type.message,
    summary_handle_time_ms: summary.handle_time_ms,
    summary_avg_handle_time_ms: summary.avg_handle_time_ms,
    summary_wait_time_ms: summary.wait_time_ms,
    summary_avg_wait_time_ms: summary.avg_wait_time_ms,
  };

  it('flattens the summary into summary_* outputs in Architect, and gives 0 for a list answer', async () => {
    const action = (await shippedActions()).find((candidate) => candidate.name === 'conversation-details')!;
    const exported = architect(action);
    expect(exported.config.response.translationMap.summary_inbound).toBe('$.data.by_direction.inbound');
    expect(exported.contract.input.inputSchema.properties.fields).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(JSON.parse(renderRequestBody(exported, { summary: true, fields: ['conversationId', 'q:participants.sessions.segments.queueId'] }))).toEqual({
      fields: ['conversationId', 'q:participants.sessions.segments.queueId'],
      summary: true,
      deadline_ms: 8000,
    });
    for (const value of Object.values(expected)) expect(value).toEqual(expect.any(Number));
    const output = translateResponse(exported, envelope);
    expect(schemaMismatches(exported, output)).toEqual([]);
    expect(output).toMatchObject(expected);
    const list = translateResponse(exported, { ...envelope, data: [{ conversationId: 'c-1', by_direction: { inbound: 9 } }], record_count: 1 });
    expect(schemaMismatches(exported, list)).toEqual([]);
    expect(Object.fromEntries(Object.keys(expected).filter((key) => key.startsWith('summary_')).map((key) => [key, list[key]]))).toEqual(
      Object.fromEntries(Object.keys(expected).filter((key) => key.startsWith('summary_')).map((key) => [key, 0])),
    );
  });

  it('reads the same nested paths in Twilio and CXone', async () => {
    const action = (await shippedActions()).find((candidate) => candidate.name === 'conversation-details')!;
    const flow = twilioFlow(action, resolveOptions('twilio'));
    const variables = flow.states.find((state) => state.name === 'process_data')!.properties.variables as { key: string; value: string }[];
    expect(variables).toContainEqual({ key: 'summary_inbound', value: '{{widgets.call_proxy.parsed.data.by_direction.inbound}}' });
    expect(variables).toContainEqual({ key: 'record_count', value: '{{widgets.call_proxy.parsed.record_count}}' });
    const { text } = exportAction(action, 'cxone', { proxyUrl: 'https://proxy.example.com' });
    expect(text).toContain('ASSIGN summary_handle_time_ms = proxyResponse.data.handle_time_ms');
    expect(text).toContain('ASSIGN summary_voice = proxyResponse.data.by_media_type.voice');
    expect(text).toContain('IF fields != "" { proxyBody.fields = fields } // array of string, not text');
  });
});
