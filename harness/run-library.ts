// Runs many scenarios through one stack, a fixed number at a time, results in input order:
// the QA runner's and the test suite's one way to run the scenario library.
import type { Scenario } from '../mock-genesys/scenarios/types.js';
import { runScenario, type ScenarioRun, type StackTarget } from './run-scenario.js';

export async function runLibrary(scenarios: readonly Scenario[], target: StackTarget, options: { concurrency: number; seed?: number }): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(scenarios.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const index = next++;
      runs[index] = await runScenario(scenarios[index]!, target, options.seed === undefined ? {} : { seed: options.seed });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, scenarios.length) }, worker));
  return runs;
}
