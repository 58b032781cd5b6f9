// Installs scenario-driven fault injection on the mock: root hooks that wrap every route
// registered after them (the Genesys routes, or the pass-through proxy), the request journal,
// the hot-reloading scenario catalog, and the admin API.
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMockInternalPath, registerAdminRoutes } from '../admin/routes.js';
import type { MockConfig } from '../config.js';
import { faults, type Fault, type FaultContext, type PayloadRewrite } from '../faults/index.js';
import { errorBody, newContextId } from '../genesys/errors.js';
import { sendErrorBody } from '../genesys/headers.js';
import { RateLimiter } from '../genesys/rate-limiter.js';
import { pathOf, routeIdOf } from '../genesys/route-ids.js';
import { FixtureStore } from '../fixtures.js';
import { Journal, journalBody } from '../journal.js';
import { Recorder } from '../recorder.js';
import { requestedScenarioOf, requestedSeedOf, sessionOf } from '../session.js';
import type { MockState } from '../state.js';
import { CallCounts, drawKeyOf } from './call-counts.js';
import { ScenarioCatalog, UnknownScenarioError } from './catalog.js';
import { sampleDelayMs } from './delay.js';
import { seededRandom } from './draw.js';
import { requestFacts } from './request-facts.js';
import { StepWaits } from './step-waits.js';
import type { FaultKind, RouteId, Scenario, Step } from './types.js';

export interface ScenarioDeps {
  config: MockConfig;
  state: MockState;
}

/** What the scenario machinery exposes to the admin API. */
export interface ScenarioRuntime {
  catalog: ScenarioCatalog;
  journal: Journal;
  /** Forgets call counts, the journal, token revocations and rate limits. */
  reset(): void;
  /** Connections a fault holds open right now (hang). */
  heldConnections(): number;
}

const runtimes = new WeakMap<FastifyInstance, ScenarioRuntime>();

/** The scenario runtime installed on an app (for code that only has the app, e.g. tests). */
export function scenarioRuntimeOf(app: FastifyInstance): ScenarioRuntime | undefined {
  return runtimes.get(app);
}

/** What one request went through, filled in as it moves along the hooks. */
interface Trace {
  startMs: number;
  time: string;
  route: RouteId | undefined;
  /** The scenario asked for (or the active one). */
  scenario: string;
  /** The scenario of that name, looked up once when the request arrives; undefined when unknown. */
  resolved: Scenario | undefined;
  session: string;
  page: number | null;
  ruleIndex: number | null;
  stepIndex: number | null;
  fault: FaultKind;
  draws: { rule?: number; step?: number };
  /** The step's own parameters (MOCK_JOURNAL_BODIES=on). */
  faultParams: Record<string, unknown> | undefined;
  rewritePayload: PayloadRewrite | undefined;
}

/** The step's fault parameters (without fault, delay and probability), or undefined when it has none. */
function faultParamsOf(step: Step): Record<string, unknown> | undefined {
  const { fault: _fault, delay: _delay, probability: _probability, ...params } = step;
  return Object.keys(params).length > 0 ? params : undefined;
}

function journalDetails(body: unknown, faultParams: Record<string, unknown> | undefined): { body?: string; fault_params?: Record<string, unknown> } {
  const kept = journalBody(body);
  return { ...(kept !== undefined ? { body: kept } : {}), ...(faultParams ? { fault_params: faultParams } : {}) };
}

/** Runs a step's fault with the step as its parameters (the loader checked they are its own). */
function applyFault(step: Step, context: FaultContext) {
  const fault: Fault = faults[step.fault];
  return fault.apply(context, step as Parameters<Fault['apply']>[1]);
}

/** Rate limiters of `rate-limit` steps, one per scenario rule and step settings. */
class RuleLimiters {
  readonly #limiters = new Map<string, RateLimiter>();

  get(scenario: string, ruleIndex: number, limit: number, windowMs: number): RateLimiter {
    const key = `${scenario}\n${ruleIndex}\n${limit}\n${windowMs}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(limit, windowMs);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  forgetScenario(name: string): void {
    for (const key of this.#limiters.keys()) if (key.startsWith(`${name}\n`)) this.#limiters.delete(key);
  }

  clear(): void {
    this.#limiters.clear();
  }
}

async function payloadBytes(payload: unknown): Promise<Buffer> {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(payload)) return payload;
  if (typeof payload === 'string') return Buffer.from(payload);
  if (payload instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks);
  }
  return Buffer.from(String(payload));
}

export async function installScenarios(app: FastifyInstance, { config, state }: ScenarioDeps): Promise<ScenarioRuntime> {
  const catalog = await ScenarioCatalog.load(config.scenariosDir, config.activeScenario, config.scenarioLimits);
  const journal = new Journal(config.journalLimit);
  const counts = new CallCounts();
  const limiters = new RuleLimiters();
  const traces = new WeakMap<IncomingMessage, Trace>();
  const heldSockets = new Set<Socket>();
  const waits = new StepWaits();
  const fixtures = new FixtureStore(config.fixturesDir);
  // Recording needs real answers, which only pass-through mode has.
  const recorder = config.recordDir && config.upstreamUrl ? new Recorder(path.resolve(config.recordDir), config.recordPiiFields) : undefined;

  catalog.onChange((name) => {
    counts.forgetScenario(name);
    limiters.forgetScenario(name);
  });
  const stopWatching = catalog.watch(app.log);

  const runtime: ScenarioRuntime = {
    catalog,
    journal,
    reset() {
      counts.clear();
      journal.clear();
      limiters.clear();
      state.tokens.resetRevocations();
      fixtures.clear();
      state.rateLimiter?.reset();
    },
    heldConnections: () => heldSockets.size,
  };
  runtimes.set(app, runtime);

  function holdOpen(socket: Socket): void {
    if (waits.closed) {
      socket.destroy();
      return;
    }
    heldSockets.add(socket);
    socket.once('close', () => heldSockets.delete(socket));
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isMockInternalPath(request.url)) return;
    const scenario = requestedScenarioOf(request) ?? catalog.activeName;
    const trace: Trace = {
      startMs: performance.now(),
      time: new Date().toISOString(),
      route: routeIdOf(request),
      scenario,
      resolved: catalog.get(scenario),
      session: sessionOf(request),
      page: null,
      ruleIndex: null,
      stepIndex: null,
      fault: 'pass',
      draws: {},
      faultParams: undefined,
      rewritePayload: undefined,
    };
    traces.set(request.raw, trace);
    // 'close' fires once the response is done or the connection is gone: one entry for
    // answered, hijacked, reset, hung and aborted requests alike.
    reply.raw.once('close', () => {
      journal.record({
        time: trace.time,
        method: request.method,
        path: pathOf(request.url),
        route: trace.route ?? null,
        page: trace.page,
        scenario: trace.scenario,
        session: trace.session,
        rule_index: trace.ruleIndex,
        step_index: trace.stepIndex,
        fault: trace.fault,
        ...(trace.draws.rule !== undefined || trace.draws.step !== undefined ? { draw: trace.draws } : {}),
        ...(config.journalBodies ? journalDetails(request.body, trace.faultParams) : {}),
        status: reply.raw.headersSent ? reply.raw.statusCode : null,
        duration_ms: Math.round(performance.now() - trace.startMs),
      });
    });
    if (!trace.resolved) {
      const message = new UnknownScenarioError(scenario, catalog.names()).message;
      return sendErrorBody(reply, errorBody(400, { code: 'bad.request', message }));
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const trace = traces.get(request.raw);
    const scenario = trace?.resolved;
    if (!trace || !scenario) return;
    const facts = requestFacts(request, trace.route, scenario);
    trace.page = facts.page ?? null;
    const seedOverride = requestedSeedOf(request);
    const decision = counts.advance(scenario, trace.session, facts, seedOverride);
    trace.ruleIndex = decision.ruleIndex;
    trace.stepIndex = decision.stepIndex;
    trace.fault = decision.step.fault;
    trace.draws = decision.draws;
    if (config.journalBodies) trace.faultParams = faultParamsOf(decision.step);

    const socket = request.raw.socket;
    const delayRandom = seededRandom({ ...drawKeyOf(scenario, trace.session, seedOverride), ruleIndex: decision.ruleIndex ?? -1, callIndex: decision.callIndex ?? 0 });
    const delayMs = sampleDelayMs(decision.step.delay, delayRandom);
    if (delayMs > 0) await waits.wait(delayMs, socket);
    if (socket.destroyed || waits.closed) {
      // Nobody is listening any more (or we are shutting down): answer nothing.
      reply.hijack();
      socket.destroy();
      return reply;
    }

    const context: FaultContext = {
      request,
      reply,
      route: trace.route,
      session: trace.session,
      state,
      contextId: newContextId(),
      ruleLimiter: (limit, windowMs) => limiters.get(scenario.name, decision.ruleIndex ?? -1, limit, windowMs),
      holdOpen,
      fixtures,
    };
    const outcome = applyFault(decision.step, context);
    trace.fault = outcome.applied as FaultKind;
    if (outcome.type === 'answered') return reply;
    trace.rewritePayload = outcome.rewritePayload;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const trace = traces.get(request.raw);
    if (recorder && trace?.resolved && trace.fault === 'pass' && trace.route !== 'token' && !trace.rewritePayload) {
      // A real answer of the upstream: buffered once to be saved, then sent as it came.
      const body = await payloadBytes(payload);
      await recorder
        .record({ session: trace.session, route: trace.route, method: request.method, path: pathOf(request.url), status: reply.statusCode, headers: reply.getHeaders(), body })
        .catch((error: unknown) => request.log.warn({ error: String(error) }, 'recording the answer failed'));
      return body;
    }
    const rewrite = trace?.rewritePayload;
    if (!trace || !rewrite) return payload;
    trace.rewritePayload = undefined;
    const bytes = await payloadBytes(payload);
    // Rewrites send the normal body their own way, declared at its full length (a proxied
    // upstream answer may have been chunked).
    reply.removeHeader('transfer-encoding');
    reply.header('content-length', String(bytes.length));
    return rewrite(bytes, reply);
  });

  app.addHook('preClose', async () => {
    waits.close();
    stopWatching();
    // Hung requests would keep server.close() waiting forever.
    for (const socket of heldSockets) socket.destroy();
    heldSockets.clear();
  });

  await registerAdminRoutes(app, { config, runtime });
  return runtime;
}
