// One end-to-end test per file in scenarios/: the scenario's request goes through the real
// proxy to the real mock on loopback sockets, and the envelope, attempts, elapsed time and
// upstream calls must match the file's `expect`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { runScenario } from '../../harness/run-scenario.js';
import { startStack, type Stack } from '../../harness/stack.js';

const scenarios = await loadScenarios(defaultScenariosDir);

describe('the standard scenario library, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack.close());

  it('has scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  describe.concurrent.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    it(`answers as expected: ${scenario.description}`, async () => {
      const run = await runScenario(scenario, stack);
      expect(run.mismatches, JSON.stringify(run.envelope)).toEqual([]);
    });
  });
});
