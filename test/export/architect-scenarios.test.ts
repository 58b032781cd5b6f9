// Correct by construction, checked on the wire: for every action and every standard scenario
// that exercises it, the exported Architect request template (rendered with the scenario's own
// input) is the body the scenario sends, the proxy answers it with 200, and the exported
// translation map with its defaults turns the real envelope into every declared output with
// its declared type (where Architect data actions fail at run time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { runScenario } from '../../harness/run-scenario.js';
import { startStack, type Stack } from '../../harness/stack.js';
import { architectDataAction } from '../../src/export/architect.js';
import { DEFAULT_EXPORT_OPTIONS, resolveOptions } from '../../src/export/flow-contract.js';
import { renderRequestBody, renderRequestUrl, schemaMismatches, translateResponse } from './architect-runtime.js';
import { scenarioAction, shippedActions } from './catalog-source.js';

const actions = await shippedActions();
const scenarios = await loadScenarios(defaultScenariosDir);

describe('exported Architect data actions against every standard scenario', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack?.close());

  describe.each(actions.map((action) => [action.name, action] as const))('%s', (name, action) => {
    const exercising = scenarios.filter((scenario) => scenarioAction(scenario) === name);

    it('is exercised by at least one standard scenario', () => {
      expect(exercising.map((scenario) => scenario.name)).not.toEqual([]);
    });

    describe.concurrent.each(exercising.map((scenario) => [scenario.name, scenario] as const))('%s', (_scenarioName, scenario) => {
      it('renders the scenario body, gets 200, and maps the envelope to every declared output', async () => {
        const deadlineMs = typeof scenario.request.deadline_ms === 'number' ? scenario.request.deadline_ms : DEFAULT_EXPORT_OPTIONS.deadlineMs;
        const exported = architectDataAction(action, resolveOptions('architect', { proxyUrl: 'https://proxy.example.com', deadlineMs }));
        const input = Object.fromEntries(Object.entries(scenario.request).filter(([key]) => key in action.inputSchema.properties));

        const body = renderRequestBody(exported, input);
        expect(JSON.parse(body)).toEqual({ ...input, deadline_ms: deadlineMs });
        const path = new URL(renderRequestUrl(exported, input)).pathname;
        expect(path).toBe(name === 'conversation-details' ? '/api/query' : `/api/actions/${name}`);

        const run = await runScenario(scenario, stack, { request: JSON.parse(body) as Record<string, unknown> });
        expect(run.httpStatus).toBe(200);
        // The branch and the upstream calls are the rendered body's doing; elapsed time is the machine's.
        const behaviour = run.mismatches.filter((mismatch) => mismatch.field !== 'elapsed_ms');
        expect(behaviour, 'the rendered body drives the scenario as designed').toEqual([]);

        const output = translateResponse(exported, run.envelope);
        expect(schemaMismatches(exported, output)).toEqual([]);
        expect(output.action).toBe(run.envelope.action);
        expect(output.success).toBe(run.envelope.success);
      });
    });
  });
});
