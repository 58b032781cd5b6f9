// Hostile scenario files: a size cap and a rule cap checked before parsing (refused with the
// usual located message), and large accepted files parsed off the event loop.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../mock-genesys/scenarios/loader.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { INLINE_PARSE_MAX_BYTES } from '../../mock-genesys/scenarios/off-thread.js';
import { makeScenarioDir } from './helpers.js';
import { scenarioRefusal } from './refusal.js';

const rules = (count: number, padChars = 0): string =>
  `description: many rules\nrules:\n${Array.from({ length: count }, (_, index) => `  - match: { route: analytics-query, page: ${index + 1} }\n    steps:\n      - { fault: status, status: 503, body: { message: "${'x'.repeat(padChars)}" } }\n    then: pass\n`).join('')}`;

let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await remove?.();
  remove = undefined;
});

describe('scenario size limits', () => {
  it('refuses a text over MOCK_SCENARIO_MAX_BYTES before parsing, at 1:1', () => {
    const error = scenarioRefusal(() => parseScenario(`rules: []\ndescription: "${'x'.repeat(2_000)}"\n`, 'big.yaml', { limits: { maxBytes: 1_000, maxRules: 10 } }));
    expect(error.message).toMatch(/^big\.yaml:1:1: the scenario is 2\d{3} bytes, more than MOCK_SCENARIO_MAX_BYTES \(1000\)$/);
  });

  it('refuses more rules than MOCK_SCENARIO_MAX_RULES at the first rule too many', () => {
    const error = scenarioRefusal(() => parseScenario(rules(3), 'many.yaml', { limits: { maxBytes: 1_000_000, maxRules: 2 } }));
    expect(error.message).toBe('many.yaml:11:5: the scenario has more than MOCK_SCENARIO_MAX_RULES (2) rules');
    expect(parseScenario(rules(2), 'two.yaml', { limits: { maxBytes: 1_000_000, maxRules: 2 } }).rules).toHaveLength(2);
  });

  it('refuses an oversized file by its size on disk', async () => {
    const folder = await makeScenarioDir({ 'huge.yaml': rules(50, 100) });
    remove = folder.remove;
    await expect(loadScenarioFile(path.join(folder.dir, 'huge.yaml'), { maxBytes: 1_024, maxRules: 1_000 })).rejects.toThrow(/huge\.yaml:1:1: the scenario is \d+ bytes, more than MOCK_SCENARIO_MAX_BYTES \(1024\)/);
  });

  it('parses a large accepted file off the event loop, with the same result and located errors', { timeout: 60_000 }, async () => {
    const folder = await makeScenarioDir({});
    remove = folder.remove;
    const file = path.join(folder.dir, 'large.yaml');
    const text = rules(40, 500);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * INLINE_PARSE_MAX_BYTES);
    await writeFile(file, text);
    // Count event-loop turns while the file loads: an inline (blocking) parse would allow none.
    let turns = 0;
    let loading = true;
    const spin = (): void => {
      turns += 1;
      if (loading) setImmediate(spin);
    };
    setImmediate(spin);
    const scenario = await loadScenarioFile(file).finally(() => {
      loading = false;
    });
    expect(turns).toBeGreaterThan(20);
    expect(scenario).toEqual(parseScenario(text, file));

    await writeFile(file, text.replace('status: 503, body', 'status: 503, stauts: 1, body'));
    await expect(loadScenarioFile(file)).rejects.toThrow(/large\.yaml:5:\d+: unknown key "stauts"/);
  });
});
