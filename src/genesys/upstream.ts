// The wire to Genesys: one keep-alive undici Pool per origin (API, login), each call bounded by
// our own timer (undici's timeouts tick on a coarse ~500 ms clock), every fault turned into a
// typed AttemptFailure. Reading the answer (status, JSON) is the pure `classifyAnswer`.
import { Pool } from 'undici';
import { parseRetryAfter } from '../retry/decide.js';
import { AttemptFailedError, type AttemptFailure, type NetworkFault, type UpstreamSource } from '../retry/outcome.js';

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  /** When the answer arrived (Date.now()), for Retry-After dates. */
  receivedAtMs: number;
}

export interface SendOptions {
  source: UpstreamSource;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path and query, appended to the origin's base path. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborts the call when the caller's request is over (hang-up or deadline). */
  signal?: AbortSignal;
}

function headerValue(headers: UpstreamAnswer['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function correlationIdOf(answer: UpstreamAnswer): string | undefined {
  return headerValue(answer.headers, 'inin-correlation-id');
}

/** Genesys ErrorBody.code, or the OAuth `error` of the token endpoint. */
function errorCodeOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  if (typeof record.code === 'string') return record.code;
  if (typeof record.error === 'string') return record.error;
  return undefined;
}

function tryParseJson(text: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A 2xx answer whose body is a JSON object is a success; anything else is an AttemptFailure
 * (an HTTP error status, or `malformed_response` for an unreadable 2xx body).
 */
export function classifyAnswer(source: UpstreamSource, answer: UpstreamAnswer): { ok: true; json: Record<string, unknown> } | { ok: false; failure: AttemptFailure } {
  const correlationId = correlationIdOf(answer);
  const parsed = tryParseJson(answer.bodyText);
  if (answer.status >= 200 && answer.status < 300) {
    if (parsed.ok && typeof parsed.json === 'object' && parsed.json !== null && !Array.isArray(parsed.json)) {
      return { ok: true, json: parsed.json as Record<string, unknown> };
    }
    return {
      ok: false,
      failure: {
        kind: 'network',
        source,
        fault: 'malformed_response',
        detail: `HTTP ${answer.status} with a body that is not a JSON object`,
        status: answer.status,
        body: answer.bodyText,
        ...(correlationId !== undefined ? { correlationId } : {}),
      },
    };
  }
  const genesysCode = parsed.ok ? errorCodeOf(parsed.json) : undefined;
  const retryAfterSeconds = parseRetryAfter(headerValue(answer.headers, 'retry-after'), answer.receivedAtMs);
  return {
    ok: false,
    failure: {
      kind: 'http',
      source,
      status: answer.status,
      body: answer.bodyText,
      ...(genesysCode !== undefined ? { genesysCode } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(correlationId !== undefined ? { correlationId } : {}),
    },
  };
}

/** Maps a socket/undici error to a fault; `afterHeaders` tells a cut body from a failed call. */
export function networkFaultOf(error: unknown, afterHeaders: boolean): NetworkFault {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'connection_refused';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'upstream_timeout';
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return 'truncated_response';
    case 'ECONNRESET':
    case 'EPIPE':
      return afterHeaders ? 'truncated_response' : 'connection_reset';
    default:
      return afterHeaders ? 'truncated_response' : 'connection_closed';
  }
}

export interface UpstreamOptions {
  apiBaseUrl: URL;
  loginBaseUrl: URL;
  /** Backstop for undici's own timers; our per-call timer normally fires first. */
  maxCallMs: number;
  /** Called after every call with its outcome label and duration (metrics). */
  onCall?: (source: UpstreamSource, outcome: string, durationMs: number) => void;
}

export interface UpstreamStats {
  /** Open sockets to Genesys. */
  connected: number;
  /** Open sockets with no request on them (idle keep-alive). */
  free: number;
  pending: number;
  queued: number;
  /** Requests being answered now. */
  running: number;
}

interface Origin {
  pool: Pool;
  basePath: string;
}

export class Upstream {
  readonly #origins: Record<UpstreamSource, Origin>;
  /** Each pool once (API and login share one when they share an origin). */
  readonly #pools: Pool[];
  readonly #onCall: NonNullable<UpstreamOptions['onCall']>;

  constructor(options: UpstreamOptions) {
    const pools = new Map<string, Pool>();
    const originOf = (url: URL): Origin => {
      let pool = pools.get(url.origin);
      if (pool === undefined) {
        pool = new Pool(url.origin, {
          connections: 256,
          keepAliveTimeout: 30_000,
          headersTimeout: options.maxCallMs,
          bodyTimeout: options.maxCallMs,
          connect: { timeout: options.maxCallMs },
        });
        pools.set(url.origin, pool);
      }
      return { pool, basePath: url.pathname.replace(/\/+$/, '') };
    };
    this.#origins = { api: originOf(options.apiBaseUrl), login: originOf(options.loginBaseUrl) };
    this.#pools = [...pools.values()];
    this.#onCall = options.onCall ?? (() => {});
  }

  /** One HTTP exchange. Resolves with any HTTP answer; rejects with AttemptFailedError on network faults. */
  async send(options: SendOptions): Promise<UpstreamAnswer> {
    const origin = this.#origins[options.source];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, options.timeoutMs));
    const stop = (): void => controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    const startedAt = performance.now();
    let afterHeaders = false;
    let status: number | undefined;
    try {
      const response = await origin.pool.request({
        method: options.method,
        path: origin.basePath + options.path,
        headers: options.headers,
        ...(options.body !== undefined ? { body: options.body } : {}),
        signal: controller.signal,
      });
      afterHeaders = true;
      status = response.statusCode;
      const bodyText = await response.body.text();
      this.#onCall(options.source, String(response.statusCode), performance.now() - startedAt);
      return { status: response.statusCode, headers: response.headers, bodyText, receivedAtMs: Date.now() };
    } catch (error) {
      const fault: NetworkFault = controller.signal.aborted ? 'upstream_timeout' : networkFaultOf(error, afterHeaders);
      this.#onCall(options.source, fault, performance.now() - startedAt);
      const detail = controller.signal.aborted
        ? `no complete answer within ${options.timeoutMs} ms`
        : `${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`;
      throw new AttemptFailedError({ kind: 'network', source: options.source, fault, detail, ...(status !== undefined ? { status } : {}) });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    }
  }

  /** Sockets and requests of the pools, summed (diagnostics; leak checks in tests). */
  get stats(): UpstreamStats {
    const total: UpstreamStats = { connected: 0, free: 0, pending: 0, queued: 0, running: 0 };
    for (const pool of this.#pools) {
      const { connected, free, pending, queued, running } = pool.stats;
      total.connected += connected;
      total.free += free;
      total.pending += pending;
      total.queued += queued;
      total.running += running;
    }
    return total;
  }

  async close(): Promise<void> {
    // close() lets calls in flight finish (each is bounded by its request's deadline).
    await Promise.all(this.#pools.map((pool) => pool.close()));
  }
}
