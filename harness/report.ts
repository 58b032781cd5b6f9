// Renders scenario runs for people (a table and diffs) and for CI (JUnit XML, JSON), with
// each scenario file that could not be loaded as one failed case of its own. Pure.
import type { ScenarioRun } from './run-scenario.js';

/** A scenario file the runner could not use: one failed test case naming the file and line. */
export interface BrokenFile {
  /** File name (or path) as the reports show it. */
  file: string;
  /** Every problem, each `file:line:col: message`. */
  message: string;
}

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

export function formatFailures(runs: ScenarioRun[], broken: readonly BrokenFile[] = []): string {
  const refused = broken.map((file) => `✗ ${file.file} could not be loaded\n  ${file.message.split('\n').join('\n  ')}`);
  return refused.concat(runs
    .filter((run) => !run.passed)
    .map((run) => {
      const lines = run.mismatches.map((m) => `  ${m.field}: expected ${m.expected}, got ${m.actual}`);
      const calls = Object.entries(run.upstreamCalls).map(([route, count]) => `${route}=${count}`).join(' ') || 'none';
      return [`✗ ${run.scenario} (session ${run.session})`, ...lines, `  upstream calls: ${calls}`, `  envelope: ${JSON.stringify(run.envelope).slice(0, 600)}`].join('\n');
    }))
    .join('\n\n');
}

export function formatSummary(runs: ScenarioRun[], broken: readonly BrokenFile[] = []): string {
  const failed = runs.filter((run) => !run.passed).length;
  const refused = broken.length > 0 ? `, ${broken.length} file(s) could not be loaded` : '';
  return `scenarios: ${runs.length - failed} passed, ${failed} failed${refused}`;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function toJUnit(runs: ScenarioRun[], totalSeconds: number, broken: readonly BrokenFile[] = []): string {
  const failures = runs.filter((run) => !run.passed).length + broken.length;
  const refusedCases = broken.map(
    (file) =>
      `  <testcase classname="scenarios" name="${xmlEscape(file.file)}" time="0.000">\n    <failure message="${xmlEscape(file.message.split('\n')[0] ?? '')}" type="ScenarioError">${xmlEscape(file.message)}</failure>\n  </testcase>`,
  );
  const cases = runs.map((run) => {
    const open = `  <testcase classname="scenarios" name="${xmlEscape(run.scenario)}" time="${(run.elapsedMs / 1000).toFixed(3)}"`;
    if (run.passed) return `${open}/>`;
    const message = run.mismatches.map((m) => `${m.field}: expected ${m.expected}, got ${m.actual}`).join('; ');
    return `${open}>\n    <failure message="${xmlEscape(message)}">${xmlEscape(JSON.stringify(run.envelope, null, 2))}</failure>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="genesys-scenarios" tests="${runs.length + broken.length}" failures="${failures}" errors="0" time="${totalSeconds.toFixed(3)}">`,
    ...refusedCases,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}

export function toJson(runs: ScenarioRun[], broken: readonly BrokenFile[] = []): string {
  const report = { passed: runs.filter((r) => r.passed).length, failed: runs.filter((r) => !r.passed).length + broken.length, runs, broken_files: broken };
  return `${JSON.stringify(report, null, 2)}\n`;
}
