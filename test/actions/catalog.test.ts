// The catalog: every shipped action loads; a bad file is refused with file:line:col.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionCatalogError, defaultActionsDir, loadActionCatalog, precompileActions } from '../../src/actions/catalog.js';
import { parseAction } from '../../src/actions/parse-action.js';
import { buildCall } from '../../src/actions/request-template.js';
import { project } from '../../src/actions/projection.js';
import { queryRequestSchema } from '../../src/query/request.js';

const minimal = (extra = '') => `name: my-action
description: test
category: Tests
idempotent: true
input:
  properties:
    queue_id: { type: string, description: q }
  required: [queue_id]
output:
  properties:
    n: { type: integer, description: n }
calls:
  - name: one
    method: GET
    path: /api/v2/routing/queues/{queue_id}
project:
  n: { path: "$.n" }
${extra}`;

function problemOf(text: string): string {
  try {
    parseAction(text, '/x/my-action.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ActionCatalogError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('the action catalog', () => {
  it('loads the eight shipped actions with flat schemas', async () => {
    const actions = await loadActionCatalog([defaultActionsDir]);
    expect(actions).toHaveLength(8);
    for (const action of actions) {
      for (const property of Object.values(action.outputSchema.properties)) expect(['string', 'number', 'integer', 'boolean', 'array']).toContain(property.type);
      expect(action.inputSchema.type).toBe('object');
    }
    expect(actions.find((action) => action.name === 'conversation-details')).toMatchObject({ dataIsList: true, outputSchema: { additionalProperties: false } });
    expect(actions.find((action) => action.name === 'data-table-row')!.outputSchema.additionalProperties).toBe(true);
  });

  it('refuses an unknown key with its line and column', () => {
    expect(problemOf(minimal('surprise: 1'))).toContain('/x/my-action.yaml:18:1: unknown key "surprise"');
  });

  it('refuses a placeholder that is not an input, where it is', () => {
    expect(problemOf(minimal().replace('{queue_id}', '{queue}'))).toMatch(/my-action\.yaml:15:5: placeholder \{queue\} is not an input/);
  });

  it('refuses a cached write and a projection from an unknown call', () => {
    expect(problemOf(minimal('cache: { ttl_ms: 1000 }').replace('idempotent: true', 'idempotent: false'))).toContain('never cached');
    expect(problemOf(minimal().replace('n: { path: "$.n" }', 'n: { from: two, path: "$.n" }'))).toContain('"two" is not a call');
  });

  it('refuses an output source outside a builtin action, and on an input', () => {
    expect(problemOf(minimal().replace('n: { type: integer, description: n }', 'n: { type: integer, source: data.n, description: n }'))).toMatch(
      /my-action\.yaml:\d+:\d+: source is for builtin actions; the others read outputs with project/,
    );
    expect(problemOf(minimal().replace('queue_id: { type: string, description: q }', 'queue_id: { type: string, source: data.q, description: q }'))).toContain('source is for outputs');
    expect(problemOf(minimal().replace('n: { type: integer, description: n }', 'n: { type: integer, source: "$.n", description: n }'))).toMatch(/source must match pattern/);
  });

  it("keeps conversation-details' input within the /api/query body it is validated with", async () => {
    const body = queryRequestSchema({ maxPageSize: 100, maxPages: 100, maxDeadlineMs: 55_000 }).properties as Record<string, { type: string; maxItems?: number }>;
    const action = (await loadActionCatalog([defaultActionsDir])).find((candidate) => candidate.name === 'conversation-details')!;
    for (const [name, property] of Object.entries(action.inputSchema.properties)) {
      expect(body[name]?.type, name).toBe(property.type);
      if (property.maxItems !== undefined) expect(property.maxItems, name).toBeLessThanOrEqual(body[name]!.maxItems!);
    }
    expect(Object.keys(action.inputSchema.properties)).toEqual(expect.arrayContaining(['fields', 'summary']));
  });

  it('refuses YAML syntax errors with a position', () => {
    expect(problemOf('name: [unclosed')).toMatch(/my-action\.yaml:\d+:\d+: YAML syntax/);
  });

  it('refuses a second action with a name already taken (ACTIONS_DIR)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'actions-'));
    try {
      await writeFile(path.join(dir, 'dup.yaml'), minimal().replace('my-action', 'queue-activity'));
      await expect(loadActionCatalog([defaultActionsDir, dir])).rejects.toThrow(/dup\.yaml:1:1: action "queue-activity" is already defined/);
      await writeFile(path.join(dir, 'dup.yaml'), minimal());
      expect((await loadActionCatalog([defaultActionsDir, dir])).map((action) => action.name)).toContain('my-action');
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("takes a file the build validated from the build's entries, and parses a changed one", async () => {
    const validated = await precompileActions();
    expect(Object.keys(validated)).toHaveLength((await loadActionCatalog([defaultActionsDir], {})).length);
    const marked = Object.fromEntries(Object.entries(validated).map(([digest, action]) => [digest, { ...action, description: `from the build: ${action.name}` }]));
    const fromBuild = await loadActionCatalog([defaultActionsDir], marked);
    expect(fromBuild.every((action) => action.description === `from the build: ${action.name}`)).toBe(true);
    expect(fromBuild.every((action) => action.file.startsWith(defaultActionsDir))).toBe(true);

    const dir = await mkdtemp(path.join(tmpdir(), 'actions-'));
    try {
      const text = await readFile(path.join(defaultActionsDir, 'queue-activity.yaml'), 'utf8');
      await writeFile(path.join(dir, 'queue-activity.yaml'), `${text}\n# edited\n`);
      const [edited] = await loadActionCatalog([dir], marked);
      expect(edited!.description).not.toMatch(/^from the build/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('request templates and projection', () => {
  it('encodes path values and leaves out absent optional parts', async () => {
    const [ewt] = (await loadActionCatalog([defaultActionsDir])).filter((action) => action.name === 'queue-estimated-wait-time');
    expect(buildCall(ewt!.calls[0]!, { queue_id: 'a/b' }, true).path).toBe('/api/v2/routing/queues/a%2Fb/estimatedwaittime');
    expect(buildCall(ewt!.calls[0]!, { queue_id: 'q', media_type: 'chat' }, true).path).toBe('/api/v2/routing/queues/q/mediatypes/chat/estimatedwaittime');
    const [activity] = (await loadActionCatalog([defaultActionsDir])).filter((action) => action.name === 'queue-activity');
    const body = JSON.parse(buildCall(activity!.calls[0]!, { queue_id: '"q"' }, true).body!);
    expect(body.filter.predicates).toEqual([{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: '"q"' }]);
  });

  it('projects sums, scales, membership and spreads to flat values', async () => {
    const actions = await loadActionCatalog([defaultActionsDir]);
    const activity = actions.find((action) => action.name === 'queue-activity')!;
    const answer = { results: [{ data: [
      { metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 2 } },
      { metric: 'oOnQueueUsers', qualifier: 'INTERACTING', stats: { count: 3 } },
      { metric: 'oWaiting', stats: { count: 4 } },
      { metric: 'oInteracting', stats: { count: 3 } },
      { metric: 'oLongestWaiting', stats: { count: 4, calculatedMetricValue: 185_400 } },
    ] }] };
    expect(project(activity, { observations: answer })).toEqual({ agents_on_queue: 5, agents_idle: 2, interactions_waiting: 4, interactions_interacting: 3, longest_waiting_s: 185 });
    const row = actions.find((action) => action.name === 'data-table-row')!;
    expect(project(row, { row: { key: 'A', n: 1, nested: { no: true }, list: ['x'] } })).toEqual({ key: 'A', n: 1, list: ['x'] });
  });
});
