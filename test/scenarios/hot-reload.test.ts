// Editing a scenario file while the mock runs: a valid edit takes effect, an invalid one keeps
// the last good version and shows its error in the admin list.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from 'undici';
import { postQuery, startScenarioMock, statusOf, tokenOf, type ScenarioMock } from './helpers.js';

const answering = (status: number): string => `rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status, status: ${status} }]\n    then: repeat-last\n`;

interface Summary {
  name: string;
  valid: boolean;
  error?: string;
}

async function summaries(mock: ScenarioMock): Promise<Summary[]> {
  const response = await request(`${mock.url}/__admin/scenarios`, { dispatcher: mock.agent });
  return ((await response.body.json()) as { scenarios: Summary[] }).scenarios;
}

describe('hot reload', () => {
  let mock: ScenarioMock;
  let token: string;
  let session = 0;
  const statusNow = async (scenario: string): Promise<number> => statusOf(postQuery(mock, { scenario, session: `s${(session += 1)}`, token }));

  beforeEach(async () => {
    mock = await startScenarioMock({ 'flaky.yaml': answering(503) });
    token = await tokenOf(mock);
  });
  afterEach(() => mock.stop());

  it('applies a valid edit', async () => {
    expect(await statusNow('flaky')).toBe(503);
    await writeFile(path.join(mock.dir, 'flaky.yaml'), answering(502));
    await vi.waitFor(async () => expect(await statusNow('flaky')).toBe(502), { timeout: 5_000, interval: 50 });
  });

  it('keeps the last good version after a broken edit and shows the error', async () => {
    await writeFile(path.join(mock.dir, 'flaky.yaml'), 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status }]\n    then: repeat-last\n');
    await vi.waitFor(async () => expect(await summaries(mock)).toContainEqual(expect.objectContaining({ name: 'flaky', valid: false })), { timeout: 5_000, interval: 50 });
    const flaky = (await summaries(mock)).find((summary) => summary.name === 'flaky');
    expect(flaky?.error).toMatch(/flaky\.yaml:3:\d+: fault status needs "status"/);
    expect(await statusNow('flaky')).toBe(503);
  });

  it('picks up a new file and forgets a removed one', async () => {
    await writeFile(path.join(mock.dir, 'fresh.yaml'), answering(500));
    await vi.waitFor(async () => expect(await statusNow('fresh')).toBe(500), { timeout: 5_000, interval: 50 });
    await rm(path.join(mock.dir, 'fresh.yaml'));
    await vi.waitFor(async () => expect(await statusNow('fresh')).toBe(400), { timeout: 5_000, interval: 50 });
  });
});
