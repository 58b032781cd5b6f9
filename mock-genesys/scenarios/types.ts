// The scenario model: what a YAML file in scenarios/ means once loaded and validated.
// The fault engine interprets `rules`; the harness uses `request` and `expect`.
import type { Static } from '../faults/params.js';
import type { faults } from '../faults/index.js';

/**
 * Routes a rule can match by name (instead of method + path): the one list of route ids.
 * Where each lives on the real API is in genesys/route-ids.ts (ROUTE_LOCATIONS).
 */
export const ROUTE_IDS = [
  'token',
  'analytics-query',
  'queues',
  'organization',
  'queue-estimated-wait-time',
  'queue-activity',
  'user-routing-status',
  'user-presence',
  'contact-by-phone',
  'data-tables',
  'data-table-row',
  'create-callback',
  'set-participant-data',
  'users',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export type Delay =
  | { fixed_ms: number }
  | { uniform: { min_ms: number; max_ms: number } }
  | { lognormal: { median_ms: number; sigma: number } };

/** A fault kind: a key of the fault registry (faults/index.ts). */
export type FaultKind = keyof typeof faults;

/** The keys every step takes, whatever its fault. */
export interface StepCommon {
  delay?: Delay;
  /** Chance (0..1) that this step's delay and fault apply; otherwise the call passes. Default 1. */
  probability?: number;
}

/** A step of one fault kind: the common keys and that fault's own parameters. */
export type StepOf<Kind extends FaultKind> = StepCommon & { fault: Kind } & Static<(typeof faults)[Kind]['params']>;

/** One step of a rule's sequence: an optional delay, then a fault (default `pass`). */
export type Step = { [Kind in FaultKind]: StepOf<Kind> }[FaultKind];

/** What happens once a rule's steps are used up. */
export type AfterSequence = 'repeat-last' | 'cycle' | 'pass';

export interface RuleMatch {
  route?: RouteId;
  /** Upper case once loaded. */
  method?: string;
  /** Exact path, e.g. /api/v2/organizations/me; without a trailing slash once loaded. */
  path?: string;
  /** Details query only: paging.pageNumber (1 when absent). */
  page?: number;
  /** JSONPath predicates over the JSON request body; each must hold for some value at its path. */
  body?: BodyPredicate[];
  /** Request headers by (lower-case once loaded) name. */
  headers?: Record<string, ValuePredicate>;
  /** Query-string parameters by name. */
  query?: Record<string, ValuePredicate>;
  /** Path parameters of the route id's path template (e.g. queueId, userId). */
  params?: Record<string, ValuePredicate>;
}

/** One test on a request value: exactly one of the four. */
export type ValuePredicate =
  | { equals: string | number | boolean | null }
  | { contains: string | number | boolean | null }
  | { matches: string }
  | { exists: boolean };

export type BodyPredicate = { path: string } & ValuePredicate;

export interface Rule {
  match: RuleMatch;
  /** Chance (0..1) that the rule takes a matching request; otherwise later rules are tried. Default 1. */
  probability?: number;
  steps: Step[];
  then: AfterSequence;
}

/** A subset check of the proxy's answer, used by the QA runner and the end-to-end suite. */
export interface Expectation {
  /** HTTP status of the proxy's answer (default 200). */
  http_status?: number;
  /** Envelope fields that must be equal (a subset of the envelope). */
  envelope?: Record<string, unknown>;
  attempts?: number | { min?: number; max?: number };
  elapsed_ms?: { min?: number; max?: number };
  /** Calls the mock received in this run, by route id (or "METHOD /path"). */
  upstream_calls?: Record<string, number | { min?: number; max?: number }>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Absolute path of the file it came from. */
  file: string;
  rules: Rule[];
  /** Seed of every random draw (probability, delay), so a run replays exactly. Default 0. */
  seed?: number;
  /** Flow action the harness calls (POST /api/actions/{action}); absent: POST /api/query. */
  action?: string;
  /** Requests the harness sends first in the same session (e.g. to fill an action's cache), then a pause. */
  warm_up?: { requests: number; then_wait_ms?: number };
  /** Body a flow would POST to the proxy's /api/query (or to the action's route). */
  request: Record<string, unknown>;
  expect: Expectation;
}
