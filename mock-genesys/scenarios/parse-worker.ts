// The worker thread behind off-thread.ts: parses and validates large scenario texts so the
// mock's event loop keeps answering meanwhile. Answers a Scenario or the refusal's problems.
import { parentPort } from 'node:worker_threads';
import type { ScenarioLimits } from './limits.js';
import { parseScenario } from './parse.js';
import { ScenarioError } from './scenario-error.js';

export interface ParseRequest {
  id: number;
  text: string;
  file: string;
  limits: ScenarioLimits;
}

parentPort?.on('message', ({ id, text, file, limits }: ParseRequest) => {
  try {
    parentPort?.postMessage({ id, scenario: parseScenario(text, file, { limits }) });
  } catch (error) {
    if (error instanceof ScenarioError) parentPort?.postMessage({ id, file: error.file, problems: error.problems });
    else parentPort?.postMessage({ id, file, problems: [{ path: '', message: `cannot parse: ${(error as Error).message}` }] });
  }
});
