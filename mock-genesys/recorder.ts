// Record mode (MOCK_RECORD_DIR, pass-through only): every real answer of a Genesys API route is
// saved as a fixture (status, relevant headers, body with secrets scrubbed and PII fields
// replaced consistently), and a replay scenario per session lists them in order, so the session
// replays offline (MOCK_FIXTURES_DIR = the record folder) with faults layered on top.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouteId } from './scenarios/types.js';

/** Answer headers a replay needs; everything else (cookies, dates, connection) is left out. */
const KEPT_HEADERS = ['content-type', 'retry-after', 'inin-ratelimit-count', 'inin-ratelimit-allowed', 'inin-ratelimit-reset'];

/** Values that must never reach a fixture, whatever the answer. */
const SECRET_FIELDS = /^(client_secret|password|secret|access_token|refresh_token|id_token|token|assertion|code|api_key|apikey|authorization)$/i;

export interface RecordedAnswer {
  session: string;
  route: RouteId | undefined;
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}

export class Recorder {
  /** A per-recording key, so replacements are consistent within a recording but not guessable across. */
  readonly #pepper = randomBytes(16);
  readonly #piiFields: Set<string>;
  /** session → rule key → { match, fixture names in order } */
  readonly #sessions = new Map<string, Map<string, { match: Record<string, string>; fixtures: string[] }>>();
  /** Writes one after the other, so the replay scenario is never written out of order. */
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly dir: string, piiFields: readonly string[]) {
    this.#piiFields = new Set(piiFields.map((field) => field.toLowerCase()));
  }

  /** A PII value's stand-in: the same value always gets the same stand-in in one recording. */
  #replacement(value: string): string {
    return `pii-${createHash('sha256').update(this.#pepper).update(value).digest('hex').slice(0, 12)}`;
  }

  /** The body with secrets scrubbed and PII replaced; text when it is not JSON. */
  scrubbedBody(bytes: Buffer): unknown {
    const text = bytes.toString('utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return text.replace(/\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi, '$1 [scrubbed]');
    }
    const visit = (value: unknown, key: string | undefined): unknown => {
      if (key !== undefined && SECRET_FIELDS.test(key)) return '[scrubbed]';
      const pii = key !== undefined && this.#piiFields.has(key.toLowerCase());
      if (typeof value === 'string') return pii ? this.#replacement(value) : value.replace(/\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi, '$1 [scrubbed]');
      if (Array.isArray(value)) return value.map((element) => (pii && typeof element === 'string' ? this.#replacement(element) : visit(element, undefined)));
      if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, visit(inner, name)]));
      return value;
    };
    return visit(data, undefined);
  }

  /** Saves one answer as a fixture and rewrites the session's replay scenario. */
  record(answer: RecordedAnswer): Promise<void> {
    const sessionSlug = slug(answer.session);
    const key = answer.route ?? `${answer.method}-${slug(answer.path)}`;
    let rules = this.#sessions.get(answer.session);
    if (!rules) {
      rules = new Map();
      this.#sessions.set(answer.session, rules);
    }
    let rule = rules.get(key);
    if (!rule) {
      rule = { match: answer.route ? { route: answer.route } : { method: answer.method, path: answer.path }, fixtures: [] };
      rules.set(key, rule);
    }
    const name = `${sessionSlug}-${key}-${rule.fixtures.length + 1}`;
    rule.fixtures.push(name);
    const headers = Object.fromEntries(KEPT_HEADERS.flatMap((header) => (answer.headers[header] === undefined ? [] : [[header, String(answer.headers[header])]])));
    const fixture = { status: answer.status, headers, body: this.scrubbedBody(answer.body) };
    const scenario = {
      name: `replay-${sessionSlug}`,
      description: `Replays the answers recorded for session ${answer.session}; MOCK_FIXTURES_DIR must be the record folder.`,
      rules: [...rules.values()].map((each) => ({ match: each.match, steps: each.fixtures.map((fixtureName) => ({ fault: 'fixture', fixture: fixtureName })), then: 'repeat-last' })),
    };
    const write = async (): Promise<void> => {
      await mkdir(this.dir, { recursive: true });
      await writeFile(path.join(this.dir, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
      // The YAML writer loads when recording (pass-through mode), not with every mock.
      const { stringify } = await import('yaml');
      await writeFile(path.join(this.dir, `replay-${sessionSlug}.yaml`), `# yaml-language-server: $schema=./scenario.schema.json\n${stringify(scenario, { lineWidth: 0 })}`);
    };
    this.#queue = this.#queue.then(write, write);
    return this.#queue;
  }
}
