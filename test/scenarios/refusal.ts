// What a scenario refusal looks like to a test, without the wire helpers' imports.
import { ScenarioError } from '../../mock-genesys/scenarios/scenario-error.js';

/** The ScenarioError `run` throws; fails when it accepts, rethrows any other error. */
export function scenarioRefusal(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}
