// The mock's settings, read once from the environment at start. Only consoleProxyUrl and
// consoleApiKey may change afterwards: startStack sets them once its proxy listens, and the
// console reads them at request time.
import path from 'node:path';
import { ConfigError, envInt, envLogLevel, envOptionalString, envString, envUrl, type Env, type LogLevel } from '../common/env.js';
import { GENESYS_DEFAULT_RATE_LIMIT_PER_MIN } from './genesys/rate-limiter.js';
import { DEFAULT_JOURNAL_LIMIT } from './journal.js';
import { DEFAULT_SCENARIO_MAX_BYTES, DEFAULT_SCENARIO_MAX_RULES, SCENARIO_SCHEMA_FILE, type ScenarioLimits } from './scenarios/limits.js';

/** The caller key of the demo stack (npm start): the proxy's PROXY_API_KEYS default and the console's. */
export const DEMO_API_KEY = 'demo-key';

export interface MockConfig {
  host: string;
  port: number;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  /** Requests per minute per token; 0 turns the limit off. */
  rateLimitPerMin: number;
  seed: number;
  /** Largest paging.pageSize the details query accepts (Genesys: 100). */
  maxPageSize: number;
  logLevel: LogLevel;
  scenariosDir: string;
  /** Scenario active for requests without an x-mock-scenario header. */
  activeScenario: string;
  /** When set, the admin API requires it (Bearer); otherwise it is loopback-only. */
  adminToken: string | undefined;
  /** Genesys-compatible server that requests no step faults are forwarded to. */
  upstreamUrl: URL | undefined;
  /** Requests the journal keeps (oldest dropped first); 0 keeps none. */
  journalLimit: number;
  /** Whether journal entries carry the (scrubbed, size-capped) request body and the fault's parameters. */
  journalBodies: boolean;
  /** Where `fixture` steps read recorded answers (default: the scenarios folder's fixtures/). */
  fixturesDir: string;
  /** Pass-through mode: where each real answer is saved as a fixture (and a replay scenario per session). */
  recordDir: string | undefined;
  /** Body fields whose values the recorder replaces consistently (PII). */
  recordPiiFields: string[];
  /** Largest scenario (file or admin body) and most rules one may have; checked before parsing. */
  scenarioLimits: ScenarioLimits;
  /** Where the console's Run button sends requests, and with which key. */
  consoleProxyUrl: string;
  consoleApiKey: string;
}

/** Fields of Genesys answers that name or reach a person; the recorder replaces their values. */
export const DEFAULT_PII_FIELDS = ['ani', 'dnis', 'addressFrom', 'addressTo', 'addressOther', 'addressSelf', 'callbackNumbers', 'name', 'firstName', 'lastName', 'email', 'phoneNumber', 'userName', 'participantName', 'remote', 'subject'];

/** The shipped scenarios/ folder: the one holding their schema. */
export const defaultScenariosDir = path.dirname(SCENARIO_SCHEMA_FILE);

export function loadMockConfig(env: Env = process.env): MockConfig {
  const scenariosDir = path.resolve(envString(env, 'SCENARIOS_DIR', defaultScenariosDir));
  return {
    host: envString(env, 'MOCK_HOST', '127.0.0.1'),
    port: envInt(env, 'MOCK_PORT', 4010, { min: 0, max: 65535 }),
    clientId: envString(env, 'MOCK_CLIENT_ID', 'mock-client-id'),
    clientSecret: envString(env, 'MOCK_CLIENT_SECRET', 'mock-client-secret'),
    // Genesys allows 5 minutes to 48 hours per OAuth client; the mock also allows shorter for tests.
    tokenTtlSeconds: envInt(env, 'MOCK_TOKEN_TTL_S', 86399, { min: 1, max: 172_800 }),
    rateLimitPerMin: envInt(env, 'MOCK_RATE_LIMIT_PER_MIN', GENESYS_DEFAULT_RATE_LIMIT_PER_MIN, { min: 0, max: 1_000_000 }),
    seed: envInt(env, 'MOCK_SEED', 1, { min: 0, max: 2 ** 31 - 1 }),
    maxPageSize: envInt(env, 'MOCK_MAX_PAGE_SIZE', 100, { min: 1, max: 10_000 }),
    logLevel: envLogLevel(env),
    scenariosDir,
    fixturesDir: path.resolve(envString(env, 'MOCK_FIXTURES_DIR', path.join(scenariosDir, 'fixtures'))),
    recordDir: envOptionalString(env, 'MOCK_RECORD_DIR'),
    recordPiiFields: envString(env, 'MOCK_RECORD_PII_FIELDS', DEFAULT_PII_FIELDS.join(','))
      .split(',')
      .map((field) => field.trim())
      .filter((field) => field !== ''),
    activeScenario: envString(env, 'MOCK_SCENARIO', 'happy-path'),
    adminToken: envOptionalString(env, 'MOCK_ADMIN_TOKEN'),
    upstreamUrl: envUrl(env, 'MOCK_UPSTREAM_URL'),
    journalLimit: envInt(env, 'MOCK_JOURNAL_LIMIT', DEFAULT_JOURNAL_LIMIT, { min: 0, max: 1_000_000 }),
    journalBodies: envOnOff(env, 'MOCK_JOURNAL_BODIES', false),
    scenarioLimits: {
      maxBytes: envInt(env, 'MOCK_SCENARIO_MAX_BYTES', DEFAULT_SCENARIO_MAX_BYTES, { min: 1, max: 64 * 1_048_576 }),
      maxRules: envInt(env, 'MOCK_SCENARIO_MAX_RULES', DEFAULT_SCENARIO_MAX_RULES, { min: 1, max: 100_000 }),
    },
    consoleProxyUrl: envString(env, 'CONSOLE_PROXY_URL', 'http://127.0.0.1:3000'),
    consoleApiKey: envString(env, 'CONSOLE_API_KEY', DEMO_API_KEY),
  };
}

/** An on/off switch; anything else is a start-up error naming the variable. */
function envOnOff(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === 'true' || value === '1') return true;
  if (value === 'off' || value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be on or off, got ${JSON.stringify(value.slice(0, 40))}`);
}
