// A scenario file that cannot be used: the message names the file, the line:column and the problem,
// so main.ts can print it to a person without a stack trace.

export interface ScenarioProblem {
  /** JSON-pointer-like path inside the file, e.g. /rules/0/steps/1/status ('' for the whole file). */
  path: string;
  message: string;
  line?: number;
  column?: number;
  /** Set when the problem belongs to another file than the error's own (a combined error). */
  file?: string;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly file: string;
  readonly problems: readonly ScenarioProblem[];

  constructor(file: string, problems: readonly ScenarioProblem[]) {
    super(problems.map((problem) => formatProblem(problem.file ?? file, problem)).join('\n'));
    this.file = file;
    this.problems = problems;
  }

  /** One error for several refused files (a folder load), each problem keeping its file. */
  static combine(errors: readonly ScenarioError[]): ScenarioError {
    if (errors.length === 1 && errors[0]) return errors[0];
    const problems = errors.flatMap((error) => error.problems.map((problem) => ({ ...problem, file: problem.file ?? error.file })));
    return new ScenarioError(errors[0]?.file ?? '', problems);
  }
}

export function formatProblem(file: string, problem: ScenarioProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const inside = problem.path === '' ? '' : ` (at ${problem.path})`;
  return `${where}: ${problem.message}${inside}`;
}
