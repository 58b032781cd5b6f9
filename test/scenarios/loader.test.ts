// Loading scenario files: the JSON Schema and semantic checks refuse broken files with the
// file name, the line and what is wrong; the standard library in scenarios/ is all valid.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarioFile, loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { ScenarioError } from '../../mock-genesys/scenarios/scenario-error.js';
import { faults } from '../../mock-genesys/faults/index.js';
import { ROUTE_IDS } from '../../mock-genesys/scenarios/types.js';
import { makeScenarioDir } from './helpers.js';
import { scenarioRefusal } from './refusal.js';

const refusal = (text: string, file = 'broken.yaml'): ScenarioError => scenarioRefusal(() => parseScenario(text, file));

const rule = (step: string, match = '{ route: analytics-query }'): string => `rules:\n  - match: ${match}\n    steps:\n      - ${step}\n    then: pass\n`;

// Each broken file, the line:column it must be refused at, and words the message must contain.
const brokenFiles: Array<[string, string, string, RegExp]> = [
  ['YAML syntax', 'rules:\n  - match: { route: token\n    then: pass\n', ':3:', /YAML syntax/],
  ['unknown top-level key', 'description: x\nrulez: []\n', ':2:1', /unknown key "rulez"/],
  ['unknown step key', rule('{ fault: status, stauts: 429 }'), ':4:', /unknown key "stauts"/],
  ['unknown fault kind', rule('{ fault: explode }'), ':4:', /"fault" is "explode", expected one of: pass, status/],
  ['status without status', rule('{ fault: status }'), ':4:9', /fault status needs "status"/],
  ['a key of another fault kind', rule('{ fault: status, status: 503, duration_ms: 10 }'), ':4:', /"duration_ms" does not apply to fault status/],
  ['page on another route', rule('{ fault: reset }', '{ route: token, page: 2 }'), ':2:', /page can only be matched with route: analytics-query/],
  ['missing then', 'rules:\n  - match: { route: token }\n    steps: [{ fault: reset }]\n', ':2:5', /missing required key "then"/],
  ['two delay forms', rule('{ fault: pass, delay: { fixed_ms: 1, uniform: { min_ms: 1, max_ms: 2 } } }'), ':4:', /exactly one of fixed_ms, uniform, lognormal/],
  ['uniform min above max', rule('{ fault: pass, delay: { uniform: { min_ms: 9, max_ms: 2 } } }'), ':4:', /min_ms \(9\) is greater than max_ms \(2\)/],
  ['a status as text', rule('{ fault: status, status: "abc" }'), ':4:', /"status" must be integer/],
  ['not a mapping', '- rules\n', ':1:1', /must be a YAML mapping/],
  ['a duplicate key', 'rules: []\nrules: []\n', ':2:', /YAML syntax/],
  ['rate-limit on the token route', rule('{ fault: rate-limit, limit: 1 }', '{ route: token }'), ':4:', /needs a bearer token/],
  ['expect bounds upside down', 'rules: []\nexpect:\n  elapsed_ms: { min: 9, max: 1 }\n', ':3:3', /min \(9\) is greater than max \(1\)/],
  ['an unknown then mode', 'rules:\n  - match: {}\n    steps: [{ fault: reset }]\n    then: forever\n', ':4:5', /expected one of: pass, repeat-last, cycle/],
];

describe('parseScenario refuses broken files', () => {
  it.each(brokenFiles)('%s', (_case, text, position, words) => {
    const error = refusal(text);
    expect(error.name).toBe('ScenarioError');
    expect(error.message).toContain(`broken.yaml${position}`);
    expect(error.message).toMatch(words);
  });
});

describe('parseScenario', () => {
  it('fills in defaults: name from the file, fault pass, empty request and expect', () => {
    const scenario = parseScenario('rules:\n  - match: { route: token }\n    steps: [{ delay: { fixed_ms: 5 } }]\n    then: pass\n', '/x/slow-login.yaml');
    expect(scenario).toMatchObject({ name: 'slow-login', description: '', file: '/x/slow-login.yaml', request: {}, expect: {} });
    expect(scenario.rules[0]?.steps[0]).toEqual({ fault: 'pass', delay: { fixed_ms: 5 } });
  });

  it('reads the optional action (the flow action the QA runner calls) and refuses a malformed one', () => {
    expect(parseScenario('action: queue-estimated-wait-time\nrules: []\n', '/x/a.yaml').action).toBe('queue-estimated-wait-time');
    expect(parseScenario('rules: []\n', '/x/a.yaml')).not.toHaveProperty('action');
    expect(refusal('action: Not An Action\nrules: []\n').message).toMatch(/broken\.yaml:1:\d+.*"action" must match pattern/);
  });

  it('accepts every route id of the one list, and no other', () => {
    for (const route of ROUTE_IDS) expect(parseScenario(rule('{ fault: reset }', `{ route: ${route} }`), '/x/r.yaml').rules[0]?.match.route).toBe(route);
    expect(refusal(rule('{ fault: reset }', '{ route: nowhere }')).message).toMatch(/expected one of: token, analytics-query/);
  });

  it('accepts every fault kind with its own keys', () => {
    const steps = [
      '{ fault: pass, headers: { x-a: b } }',
      '{ fault: status, status: 429, retry_after_s: 1, body: { code: x }, headers: { x-a: b } }',
      '{ fault: reset }',
      '{ fault: hang }',
      '{ fault: empty }',
      '{ fault: malformed-json }',
      '{ fault: truncated-body, fraction: 0.3 }',
      '{ fault: slow-body, duration_ms: 100 }',
      '{ fault: random-bytes, bytes: 10 }',
      '{ fault: revoke-token }',
      '{ fault: expire-token }',
      '{ fault: rate-limit, limit: 5, window_ms: 1000 }',
      '{ fault: fixture, fixture: recorded-1 }',
    ];
    const text = `rules:\n  - match: { route: analytics-query }\n    steps:\n${steps.map((step) => `      - ${step}\n`).join('')}    then: cycle\n`;
    const scenario = parseScenario(text, 'all.yaml');
    expect(scenario.rules[0]?.steps.map((step) => step.fault)).toEqual(Object.keys(faults));
  });
});

describe('loadScenarios', () => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
    remove = undefined;
  });

  it('names every refused file of a folder with its line', async () => {
    const folder = await makeScenarioDir({
      'good.yaml': 'rules: []\n',
      'bad-key.yaml': 'rules: []\nwhat: 1\n',
      'bad-step.yaml': rule('{ fault: status }'),
    });
    remove = folder.remove;
    const error = await loadScenarios(folder.dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message).toContain(`${path.join(folder.dir, 'bad-key.yaml')}:2:1: unknown key "what"`);
    expect(message).toContain(`${path.join(folder.dir, 'bad-step.yaml')}:4:9: fault status needs "status"`);
    expect(message).not.toContain('good.yaml');
  });

  it('refuses two files with the same scenario name', async () => {
    const folder = await makeScenarioDir({ 'a.yaml': 'name: same\nrules: []\n', 'b.yaml': 'name: same\nrules: []\n' });
    remove = folder.remove;
    await expect(loadScenarios(folder.dir)).rejects.toThrow(/b\.yaml: scenario name "same" is already used by a\.yaml/);
  });

  it('says which file cannot be read', async () => {
    await expect(loadScenarioFile('/nonexistent/nothing.yaml')).rejects.toThrow(/nothing\.yaml: cannot read: ENOENT/);
  });
});

describe('the standard library in scenarios/', () => {
  it('loads and validates every file, each with a description, a request and an expectation', async () => {
    const scenarios = await loadScenarios(defaultScenariosDir);
    expect(scenarios.map((scenario) => scenario.name)).toEqual(
      expect.arrayContaining([
        'happy-path', 'multi-page', 'rate-limited-then-success', 'rate-limit-exhausted', 'retry-after-beyond-deadline',
        'server-error-then-success', 'server-errors-persistent', 'gateway-timeout', 'token-expired-mid-query', 'bad-credentials',
        'forbidden', 'bad-request', 'connection-reset-then-success', 'connection-reset-persistent', 'upstream-hang',
        'slow-response', 'malformed-json', 'truncated-body', 'login-unavailable', 'fault-on-page-3',
      ]),
    );
    for (const scenario of scenarios) {
      expect(scenario.description, scenario.name).not.toBe('');
      expect(Object.keys(scenario.request), scenario.name).not.toHaveLength(0);
      expect(scenario.expect.envelope, scenario.name).toHaveProperty('success');
      const deadlineMs = Number(scenario.request.deadline_ms ?? 8000);
      expect(scenario.expect.elapsed_ms?.max ?? 0, scenario.name).toBeLessThanOrEqual(deadlineMs);
    }
  });
});
