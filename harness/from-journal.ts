// `npm run scenarios -- --from-journal SESSION`: the scenario that reproduces what one session
// saw, from the mock's journal: one rule per route (or method + path), one step per call in
// order, then normal answers. Pure: journal entries in, YAML text out.
import { stringify } from 'yaml';
import type { JournalEntry } from '../mock-genesys/journal.js';

type Entry = Pick<JournalEntry, 'route' | 'method' | 'path' | 'fault' | 'status'> & Partial<Pick<JournalEntry, 'fault_params'>>;

/** The step that gives the same answer again. */
function stepOf(entry: Entry): Record<string, unknown> {
  if (entry.fault === 'pass') return { fault: 'pass' };
  // A status fault's status is the one sent, even when the journal kept no parameters.
  if (entry.fault === 'status') return { fault: 'status', ...entry.fault_params, status: entry.status ?? 500 };
  return { fault: entry.fault, ...entry.fault_params };
}

export function scenarioFromJournal(session: string, entries: readonly Entry[]): string {
  const rules = new Map<string, { match: Record<string, unknown>; steps: Array<Record<string, unknown>> }>();
  for (const entry of entries) {
    const key = entry.route ?? `${entry.method} ${entry.path}`;
    let rule = rules.get(key);
    if (!rule) {
      rule = { match: entry.route ? { route: entry.route } : { method: entry.method, path: entry.path }, steps: [] };
      rules.set(key, rule);
    }
    rule.steps.push(stepOf(entry));
  }
  const name = `from-journal-${session.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '')}`.slice(0, 100);
  const scenario = {
    name,
    description: `Replays what session ${session} saw (${entries.length} calls), then answers normally.`,
    rules: [...rules.values()].map((rule) => ({ ...rule, then: 'pass' })),
  };
  return `# yaml-language-server: $schema=./scenario.schema.json\n${stringify(scenario, { flowCollectionPadding: true, lineWidth: 0 })}`;
}
