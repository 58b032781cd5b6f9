// The wire to Genesys: one keep-alive undici Pool per origin (API, login), each call bounded by
// our own timer (undici's timeouts tick on a coarse ~500 ms clock), every fault turned into a
// typed AttemptFailure. Bodies are counted as the parser hands them over, so no answer can hold
// more than maxBodyBytes, and a dropped body's memory is handed back at once (reclaim.ts).
// Reading the answer (status, JSON) is the pure `classifyAnswer`.
import { Pool, type Dispatcher } from 'undici';
import { DEFAULT_MAX_UPSTREAM_BODY_BYTES } from '../config.js';
import { parseRetryAfter } from '../retry/decide.js';
import { AttemptFailedError, type AttemptFailure, type NetworkFault, type UpstreamSource } from '../retry/outcome.js';
import { droppedBodyReclaimer } from './reclaim.js';

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  /** The body's bytes (bodyText is their UTF-8 text). */
  body: Buffer;
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

/** Why a call was aborted from inside: the body passed the cap. */
class BodyTooLargeError extends Error {}

/** Why a call was aborted from inside: its time ran out. */
class CallTimeoutError extends Error {}

/** The answer of one call; `body` undefined when it passed `maxBytes` and was dropped. */
interface CappedAnswer {
  status: number;
  headers: UpstreamAnswer['headers'];
  body: Buffer | undefined;
}

/** Bytes a body buffer starts with; it doubles from there as the body arrives. */
const FIRST_BODY_BUFFER_BYTES = 64 * 1024;

/**
 * The body's bytes, in one buffer of our own that doubles as they arrive, up to the declared
 * Content-Length or the cap (never allocated ahead of the bytes: a declared length is not
 * trusted). Socket chunks are copied in and never kept; `release()` gives the buffer's memory
 * back now (a detached ArrayBuffer frees its memory at once), not at V8's next GC.
 */
class BodyBuffer {
  #buffer: Buffer;
  #length = 0;
  /** The most this body may hold: the cap, or less when a length was declared. */
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
    this.#buffer = Buffer.allocUnsafeSlow(Math.min(limit, FIRST_BODY_BUFFER_BYTES));
  }

  /** Appends a chunk; false (nothing appended) when the body would pass the cap. */
  append(chunk: Buffer, maxBytes: number): boolean {
    const needed = this.#length + chunk.length;
    if (needed > maxBytes) return false;
    if (needed > this.#buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, Math.min(this.#limit, this.#buffer.length * 2)));
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.release();
      this.#buffer = grown;
    }
    this.#length += chunk.copy(this.#buffer, this.#length);
    return true;
  }

  /** The body: a view of the buffer, which stays allocated while the view is in use. */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  /** Frees the buffer's memory now; idempotent. */
  release(): void {
    const memory = this.#buffer.buffer as ArrayBuffer & { readonly detached: boolean; transfer(length: number): ArrayBuffer };
    if (!memory.detached) memory.transfer(0);
  }
}

/**
 * One HTTP exchange through undici's dispatch API, its body counted as the parser hands it over:
 * a declared Content-Length over `maxBytes`, or the chunk that takes the count past it, aborts
 * the call there and then (the connection is dropped, nothing more is read), so at most one
 * chunk beyond the cap is ever read. No stream sits in between, so the parser never pauses and
 * no chunks are queued or joined on the way. The call ends with a CallTimeoutError after
 * `timeoutMs`, or with the signal's reason when it aborts. `onHeaders` tells the caller the
 * status arrived.
 */
function requestCapped(
  pool: Pool,
  options: Dispatcher.DispatchOptions,
  limits: { maxBytes: number; timeoutMs: number; signal: AbortSignal | undefined },
  onHeaders: (status: number) => void,
): Promise<CappedAnswer> {
  const { maxBytes, signal } = limits;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let settled = false;
    let stoppedBy: Error | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let answer: { status: number; headers: UpstreamAnswer['headers']; body?: BodyBuffer } | undefined;
    let complete = false;
    const settle = (outcome: () => void): void => {
      if (!complete) answer?.body?.release(); // a body not read to its end is of no use
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const stop = (reason: Error): void => {
      stoppedBy ??= reason;
      settle(() => reject(reason));
      controller?.abort(reason);
    };
    const dropBody = (): void => {
      settle(() => resolve({ status: answer!.status, headers: answer!.headers, body: undefined }));
      stoppedBy ??= new BodyTooLargeError();
      controller?.abort(stoppedBy);
    };
    function onAbort(): void {
      stop(signal!.reason as Error);
    }
    const timer = setTimeout(() => stop(new CallTimeoutError()), Math.max(1, limits.timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    pool.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (stoppedBy !== undefined) started.abort(stoppedBy);
      },
      onResponseStart(_controller, status, headers) {
        if (status < 200 || settled) return; // 1xx: the answer follows
        onHeaders(status);
        const declared = Number(headerValue(headers, 'content-length'));
        const known = Number.isSafeInteger(declared) && declared >= 0;
        answer = { status, headers };
        if (known && declared > maxBytes) return dropBody();
        answer.body = new BodyBuffer(known ? declared : maxBytes);
      },
      onResponseData(_controller, chunk) {
        if (settled || answer?.body === undefined) return;
        if (!answer.body.append(chunk, maxBytes)) dropBody();
      },
      onResponseEnd() {
        const body = answer?.body;
        if (answer === undefined || body === undefined) return settle(() => reject(new Error('the answer ended before its headers')));
        const { status, headers } = answer;
        complete = true;
        settle(() => resolve({ status, headers, body: body.bytes() }));
      },
      onResponseError(_controller, error) {
        settle(() => reject(error));
      },
    });
  });
}

export interface UpstreamOptions {
  apiBaseUrl: URL;
  loginBaseUrl: URL;
  /** Backstop for undici's own timers; our per-call timer normally fires first. */
  maxCallMs: number;
  /** Largest body read from any answer (MAX_UPSTREAM_BODY_BYTES); beyond it the attempt fails with response_too_large. */
  maxBodyBytes?: number;
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
  readonly #maxBodyBytes: number;

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
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_UPSTREAM_BODY_BYTES;
  }

  /** One HTTP exchange. Resolves with any HTTP answer; rejects with AttemptFailedError on network faults. */
  async send(options: SendOptions): Promise<UpstreamAnswer> {
    const origin = this.#origins[options.source];
    const startedAt = performance.now();
    let afterHeaders = false;
    let status: number | undefined;
    try {
      const response = await requestCapped(
        origin.pool,
        { method: options.method, path: origin.basePath + options.path, headers: options.headers, ...(options.body !== undefined ? { body: options.body } : {}) },
        { maxBytes: this.#maxBodyBytes, timeoutMs: options.timeoutMs, signal: options.signal },
        (answered) => {
          afterHeaders = true;
          status = answered;
        },
      );
      if (response.body === undefined) {
        droppedBodyReclaimer().dropped(); // frees the socket reads of the dropped body now, not at V8's leisure (reclaim.ts)
        this.#onCall(options.source, 'response_too_large', performance.now() - startedAt);
        throw new AttemptFailedError({
          kind: 'network',
          source: options.source,
          fault: 'response_too_large',
          detail: `HTTP ${response.status} body over ${this.#maxBodyBytes} bytes`,
          status: response.status,
        });
      }
      this.#onCall(options.source, String(response.status), performance.now() - startedAt);
      return { status: response.status, headers: response.headers, bodyText: response.body.toString('utf8'), body: response.body, receivedAtMs: Date.now() };
    } catch (error) {
      if (error instanceof AttemptFailedError) throw error;
      // Out of time, or the caller's request is over: either way no complete answer came in time.
      const cutShort = error instanceof CallTimeoutError || options.signal?.aborted === true;
      const fault: NetworkFault = cutShort ? 'upstream_timeout' : networkFaultOf(error, afterHeaders);
      this.#onCall(options.source, fault, performance.now() - startedAt);
      const detail = cutShort ? `no complete answer within ${options.timeoutMs} ms` : `${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`;
      throw new AttemptFailedError({ kind: 'network', source: options.source, fault, detail, ...(status !== undefined ? { status } : {}) });
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
