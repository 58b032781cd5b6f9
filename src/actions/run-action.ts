// Runs one flow action on the engine: its calls in parallel under the request's one deadline
// and signal (the first call that fails definitively stops its siblings), then the projection.
import { callGenesys, type CallControl, type CallResult, type EngineDeps } from '../engine/call.js';
import type { ObjectData, Outcome } from '../engine/outcome.js';
import type { FinalFailure } from '../retry/outcome.js';
import type { ActionDefinition } from './catalog.js';
import { project, type Answers } from './projection.js';
import { buildCall, type ActionInput } from './request-template.js';

export async function runAction(deps: EngineDeps, action: ActionDefinition, input: ActionInput, control: CallControl): Promise<Outcome<ObjectData>> {
  const siblings = new AbortController();
  const signal = AbortSignal.any([control.signal, siblings.signal]);
  const failures: FinalFailure[] = [];
  const results = await Promise.all(
    action.calls.map(async (call): Promise<[string, CallResult]> => {
      const result = await callGenesys(deps, buildCall(call, input, action.idempotent), { ...control, signal });
      if (!result.ok) {
        failures.push(result.failure);
        siblings.abort(new Error('a parallel call of this action failed'));
      }
      return [call.name, result];
    }),
  );
  // The first failure is the cause; siblings it stopped report only the abort.
  if (failures.length > 0) return { status: 'failed', shape: 'object', failure: failures[0]! };
  const answers: Answers = Object.fromEntries(results.map(([name, result]) => [name, (result as { json: Record<string, unknown> }).json]));
  const value = project(action, answers);
  const missing = action.outputSchema.required.filter((field) => value[field] === undefined);
  if (missing.length > 0) {
    return {
      status: 'failed',
      shape: 'object',
      failure: { last: { kind: 'network', source: 'api', fault: 'malformed_response', detail: `the answer has no ${missing.join(', ')}`, body: JSON.stringify(answers).slice(0, 2000) } },
    };
  }
  return { status: 'complete', data: { shape: 'object', value, answers: action.calls.length } };
}
