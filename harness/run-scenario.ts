// Runs one scenario through a live proxy + mock: the request goes to the proxy with the
// scenario and a fresh session in headers, then the mock's journal for that session tells
// which upstream calls the proxy made. Shared by the QA runner, the e2e suite and the console.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { upstreamCalls as countUpstreamCalls, type JournalEntry } from '../mock-genesys/journal.js';
import type { Scenario } from '../mock-genesys/scenarios/types.js';
import { SCENARIO_HEADER, SESSION_HEADER } from '../mock-genesys/session.js';
import { checkExpectation, type Mismatch } from './expectations.js';

export interface StackTarget {
  proxyUrl: string;
  mockUrl: string;
  apiKey: string;
  /** Needed only when the mock's admin API is guarded by MOCK_ADMIN_TOKEN. */
  adminToken?: string | undefined;
}

export interface ScenarioRun {
  scenario: string;
  session: string;
  request: Record<string, unknown>;
  httpStatus: number;
  envelope: Record<string, unknown>;
  elapsedMs: number;
  startedAt: string;
  journal: JournalEntry[];
  upstreamCalls: Record<string, number>;
  mismatches: Mismatch[];
  passed: boolean;
}

async function readJournal(target: StackTarget, session: string): Promise<JournalEntry[]> {
  const headers: Record<string, string> = target.adminToken ? { authorization: `Bearer ${target.adminToken}` } : {};
  const response = await request(`${target.mockUrl}/__admin/journal?session=${encodeURIComponent(session)}`, { headers });
  const body = (await response.body.json()) as { limit?: number; entries?: JournalEntry[] };
  if (response.statusCode !== 200) throw new Error(`mock journal answered ${response.statusCode}: ${JSON.stringify(body)}`);
  return body.entries ?? [];
}

/**
 * The mock records a call when its connection ends; a call the proxy abandoned (hang) may
 * end a moment after the proxy answered. Read until two reads agree.
 */
async function settledJournal(target: StackTarget, session: string): Promise<JournalEntry[]> {
  let previous = await readJournal(target, session);
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await readJournal(target, session);
    if (current.length === previous.length) return current;
    previous = current;
  }
  return previous;
}

export async function runScenario(
  scenario: Scenario,
  target: StackTarget,
  options: { request?: Record<string, unknown>; session?: string } = {},
): Promise<ScenarioRun> {
  const session = options.session ?? `${scenario.name}-${randomUUID()}`;
  const body = options.request ?? scenario.request;
  // A scenario naming a flow action is sent to its route; the others to /api/query.
  const route = scenario.action !== undefined ? `/api/actions/${encodeURIComponent(scenario.action)}` : '/api/query';
  const send = () =>
    request(`${target.proxyUrl}${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${target.apiKey}`,
        [SCENARIO_HEADER]: scenario.name,
        [SESSION_HEADER]: session,
      },
      body: JSON.stringify(body),
    });
  for (let i = 0; i < (scenario.warm_up?.requests ?? 0); i++) await (await send()).body.dump();
  if (scenario.warm_up?.then_wait_ms) await new Promise((resolve) => setTimeout(resolve, scenario.warm_up!.then_wait_ms));
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const response = await send();
  const text = await response.body.text();
  const elapsedMs = performance.now() - started;
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(text) as Record<string, unknown>;
  } catch {
    envelope = { unparsable_body: text.slice(0, 500) };
  }
  const journal = await settledJournal(target, session);
  const upstreamCalls = countUpstreamCalls(journal);
  const mismatches = checkExpectation(scenario.expect, { httpStatus: response.statusCode, envelope, elapsedMs, upstreamCalls });
  return {
    scenario: scenario.name,
    session,
    request: body,
    httpStatus: response.statusCode,
    envelope,
    elapsedMs,
    startedAt,
    journal,
    upstreamCalls,
    mismatches,
    passed: mismatches.length === 0,
  };
}
