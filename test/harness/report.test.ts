import { describe, expect, it } from 'vitest';
import { formatFailures, formatSummary, formatTable, toJson, toJUnit } from '../../harness/report.js';
import type { ScenarioRun } from '../../harness/run-scenario.js';

function run(scenario: string, passed: boolean): ScenarioRun {
  return {
    scenario,
    session: `${scenario}-1`,
    request: {},
    httpStatus: 200,
    envelope: { action: passed ? 'process_data' : 'route_to_fallback', attempts: 2 },
    elapsedMs: 1234.5,
    startedAt: '2026-11-27T00:00:00.000Z',
    journal: [],
    upstreamCalls: { token: 1, 'analytics-query': 2 },
    mismatches: passed ? [] : [{ field: 'envelope.action', expected: '"process_data"', actual: '"route_to_fallback"' }],
    passed,
  };
}

describe('QA report', () => {
  const runs = [run('happy-path', true), run('forbidden <&>', false)];

  it('prints one table row per scenario with expected and actual action', () => {
    const table = formatTable(runs, new Map([['happy-path', 'process_data']]));
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^happy-path\s+process_data\s+process_data \(200\)\s+2\s+1235 ms\s+PASS$/);
    expect(lines[3]).toMatch(/FAIL$/);
  });

  it('explains each failure with the field, what was expected and what came', () => {
    expect(formatFailures(runs)).toContain('envelope.action: expected "process_data", got "route_to_fallback"');
    expect(formatSummary(runs)).toBe('scenarios: 1 passed, 1 failed');
  });

  it('writes JUnit XML with one escaped testcase per scenario and the failure message', () => {
    const xml = toJUnit(runs, 3.2);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('tests="2" failures="1"');
    expect(xml).toContain('name="forbidden &lt;&amp;&gt;"');
    expect(xml).toContain('<failure message="envelope.action: expected &quot;process_data&quot;, got &quot;route_to_fallback&quot;">');
  });

  it('adds each scenario file that could not be loaded as one failed case with its file and line', () => {
    const broken = [{ file: 'broken.yaml', message: '/x/broken.yaml:4:9: fault status needs "status" (at /rules/0/steps/0)' }];
    const xml = toJUnit(runs, 3.2, broken);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('tests="3" failures="2"');
    expect(xml).toContain('<testcase classname="scenarios" name="broken.yaml" time="0.000">');
    expect(xml).toContain('message="/x/broken.yaml:4:9: fault status needs &quot;status&quot; (at /rules/0/steps/0)"');
    expect(JSON.parse(toJson(runs, broken))).toMatchObject({ passed: 1, failed: 2, broken_files: broken });
    expect(formatSummary(runs, broken)).toBe('scenarios: 1 passed, 1 failed, 1 file(s) could not be loaded');
    expect(formatFailures(runs, broken)).toMatch(/^✗ broken\.yaml could not be loaded\n  \/x\/broken\.yaml:4:9:/);
  });
});
