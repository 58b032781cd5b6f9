// Parsing without stalling the mock: the YAML parser needs about a second per 100 kB on a busy
// machine, so a text above INLINE_PARSE_MAX_BYTES is parsed in one shared worker thread while
// the event loop goes on answering. Small texts (every hand-written scenario) parse inline.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findUp } from '../../common/find-up.js';
import type { ScenarioLimits } from './limits.js';
import { ScenarioError, type ScenarioProblem } from './scenario-error.js';
import type { Scenario } from './types.js';

/** Texts up to this size parse inline in well under 10 ms. */
export const INLINE_PARSE_MAX_BYTES = 8_192;

type Answer = { id: number; scenario: Scenario } | { id: number; file: string; problems: ScenarioProblem[] };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (scenario: Scenario) => void; reject: (error: Error) => void }>();

/** In a bundle (harness/bundle.ts defines it): the worker's own bundle, found by walking up from the chunk this code is in. */
declare const SCENARIO_PARSE_WORKER: string | undefined;

function workerFile(): string {
  if (typeof SCENARIO_PARSE_WORKER !== 'undefined') return findUp(import.meta.url, SCENARIO_PARSE_WORKER) ?? SCENARIO_PARSE_WORKER;
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `parse-worker${path.extname(here)}`);
}

function sharedWorker(): Worker {
  if (worker) return worker;
  const file = workerFile();
  // From TypeScript sources (tsx, vitest) the worker needs tsx's loader; compiled output does not.
  const started = new Worker(file, file.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {});
  started.unref();
  started.on('message', (answer: Answer) => {
    const waiter = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiter) return;
    if ('scenario' in answer) waiter.resolve(answer.scenario);
    else waiter.reject(new ScenarioError(answer.file, answer.problems));
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', () => {
    if (worker === started) worker = undefined;
    failAll(new Error('the scenario parser stopped'));
  });
  worker = started;
  return started;
}

function failAll(error: Error): void {
  for (const [id, waiter] of pending) {
    pending.delete(id);
    waiter.reject(error);
  }
}

/** parseScenario, off the event loop for large texts. Rejects with a ScenarioError when refused. */
export async function parseScenarioOffThread(text: string, file: string, limits: ScenarioLimits): Promise<Scenario> {
  // The parser (YAML, Ajv) loads on first use: a start whose scenarios are all in the bundle needs none.
  const { parseScenario } = await import('./parse.js');
  if (Buffer.byteLength(text) <= INLINE_PARSE_MAX_BYTES) return parseScenario(text, file, { limits });
  const id = nextId++;
  const answer = new Promise<Scenario>((resolve, reject) => pending.set(id, { resolve, reject }));
  const parser = sharedWorker();
  parser.ref();
  parser.postMessage({ id, text, file, limits });
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    // No worker (it could not start): parse inline rather than refuse a good file.
    return parseScenario(text, file, { limits });
  } finally {
    if (pending.size === 0) parser.unref();
  }
}
