// Renders scenario runs for people (a table and diffs) and for CI (JUnit XML, JSON). Pure.
import type { ScenarioRun } from './run-scenario.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatTable(runs: ScenarioRun[], expectedActions: Map<string, string>): string {
  const header = ['scenario', 'expected action', 'got', 'attempts', 'elapsed', 'result'];
  const rows = runs.map((run) => [
    run.scenario,
    expectedActions.get(run.scenario) ?? '-',
    `${String(run.envelope.action ?? '-')} (${run.httpStatus})`,
    String(run.envelope.attempts ?? '-'),
    `${Math.round(run.elapsedMs)} ms`,
    run.passed ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => pad(cell, widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatFailures(runs: ScenarioRun[]): string {
  return runs
    .filter((run) => !run.passed)
    .map((run) => {
      const lines = run.mismatches.map((m) => `  ${m.field}: expected ${m.expected}, got ${m.actual}`);
      const calls = Object.entries(run.upstreamCalls).map(([route, count]) => `${route}=${count}`).join(' ') || 'none';
      return [`✗ ${run.scenario} (session ${run.session})`, ...lines, `  upstream calls: ${calls}`, `  envelope: ${JSON.stringify(run.envelope).slice(0, 600)}`].join('\n');
    })
    .join('\n\n');
}

export function formatSummary(runs: ScenarioRun[]): string {
  const failed = runs.filter((run) => !run.passed).length;
  return `scenarios: ${runs.length - failed} passed, ${failed} failed`;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function toJUnit(runs: ScenarioRun[], totalSeconds: number): string {
  const failures = runs.filter((run) => !run.passed).length;
  const cases = runs.map((run) => {
    const open = `  <testcase classname="scenarios" name="${xmlEscape(run.scenario)}" time="${(run.elapsedMs / 1000).toFixed(3)}"`;
    if (run.passed) return `${open}/>`;
    const message = run.mismatches.map((m) => `${m.field}: expected ${m.expected}, got ${m.actual}`).join('; ');
    return `${open}>\n    <failure message="${xmlEscape(message)}">${xmlEscape(JSON.stringify(run.envelope, null, 2))}</failure>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="genesys-scenarios" tests="${runs.length}" failures="${failures}" errors="0" time="${totalSeconds.toFixed(3)}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}

export function toJson(runs: ScenarioRun[]): string {
  return `${JSON.stringify({ passed: runs.filter((r) => r.passed).length, failed: runs.filter((r) => !r.passed).length, runs }, null, 2)}\n`;
}
