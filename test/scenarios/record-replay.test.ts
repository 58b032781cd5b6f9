// Record and replay: a pass-through mock in front of a second mock (standing in for a real
// org) saves every real answer as a scrubbed fixture and a replay scenario; with the org gone,
// a mock reading those fixtures gives the proxy the same envelopes. No token or secret is saved.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';
import { startMock, type RunningMock } from '../support/mock.js';

let recordDir: string;

beforeAll(async () => {
  recordDir = await mkdtemp(path.join(os.tmpdir(), 'mock-record-'));
});
afterAll(() => rm(recordDir, { recursive: true, force: true }));

const QUERY = { page_size: 5, max_pages: 2, deadline_ms: 8000 };

async function envelopeOf(stack: Stack, scenario: string, session: string): Promise<Record<string, unknown>> {
  const response = await request(`${stack.proxyUrl}/api/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.apiKey}`, 'x-mock-scenario': scenario, 'x-mock-session': session },
    body: JSON.stringify(QUERY),
  });
  return (await response.body.json()) as Record<string, unknown>;
}

/** The envelope without what differs per run (timings, the proxy's correlation id) or what the recorder replaced (PII). */
function comparable(envelope: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(envelope, (key, value: unknown) => (/elapsed|_ms$|^correlation_id$|^ani$|^dnis$/.test(key) ? undefined : value)));
}

describe('record and replay', () => {
  it('records a pass-through session scrubbed, and replays it offline with the same envelopes', { timeout: 60_000 }, async () => {
    const org: RunningMock = await startMock({});
    let recorded: Record<string, unknown>;
    const issuedTokens: string[] = [];
    // Every token the org issues, to prove none of them reaches a fixture.
    const issue = org.state.tokens.issue.bind(org.state.tokens);
    org.state.tokens.issue = (ttlSeconds: number) => {
      const issued = issue(ttlSeconds);
      issuedTokens.push(issued.token);
      return issued;
    };
    const recording = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', MOCK_RATE_LIMIT_PER_MIN: '0', MOCK_UPSTREAM_URL: org.url, MOCK_RECORD_DIR: recordDir, MOCK_RECORD_PII_FIELDS: 'ani,dnis' } });
    try {
      recorded = await envelopeOf(recording, 'happy-path', 'rec-1');
      expect(recorded).toMatchObject({ success: true, action: 'process_data', pages_fetched: 2 });
      const orgJournal = (await (await fetch(`${org.url}/__admin/journal`)).json()) as { entries: Array<{ route: string }> };
      expect(orgJournal.entries.map((entry) => entry.route)).toEqual(['token', 'analytics-query', 'analytics-query']);
    } finally {
      await recording.close();
      await org.close();
    }

    const files = (await readdir(recordDir)).sort();
    expect(files).toEqual(['rec-1-analytics-query-1.json', 'rec-1-analytics-query-2.json', 'replay-rec-1.yaml']);
    const saved = (await Promise.all(files.map((file) => readFile(path.join(recordDir, file), 'utf8')))).join('\n');
    expect(issuedTokens.length).toBeGreaterThan(0);
    for (const token of issuedTokens) expect(saved).not.toContain(token);
    expect(saved).not.toContain('mock-client-secret');
    // PII replaced consistently: the same caller number gets the same stand-in in every fixture.
    const fixture = JSON.parse(await readFile(path.join(recordDir, 'rec-1-analytics-query-1.json'), 'utf8')) as { status: number; body: { conversations: Array<{ participants: Array<{ sessions: Array<{ ani: string }> }> }> } };
    expect(fixture.status).toBe(200);
    const anis = fixture.body.conversations.flatMap((conversation) => conversation.participants.flatMap((participant) => participant.sessions.map((session) => session.ani)));
    expect(anis.length).toBeGreaterThan(0);
    for (const ani of anis) expect(ani).toMatch(/^pii-[0-9a-f]{12}$/);

    // Offline: the org is gone; the fixtures answer, faults can be layered on top.
    const replaying = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', MOCK_RATE_LIMIT_PER_MIN: '0', SCENARIOS_DIR: recordDir, MOCK_SCENARIO: 'replay-rec-1', MOCK_FIXTURES_DIR: recordDir } });
    try {
      const replayed = await envelopeOf(replaying, 'replay-rec-1', 'replay-1');
      expect(comparable(replayed)).toEqual(comparable(recorded));
    } finally {
      await replaying.close();
    }
  });
});
