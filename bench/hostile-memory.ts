// Memory after hostile upstream bodies: the built proxy against a small Genesys of our own (a
// node:http server in this process) whose query answer is chosen per request by a forwarded
// header: an ordinary page, a 200 that never ends, or a 200 MB body (chunked, or with its
// Content-Length declared). The proxy's RSS is read from /proc (no forced GC: as it runs) at a
// baseline after ordinary requests, then after each round of hostile bodies, so a residue that
// keeps growing shows as a slope and one kept for reuse as a plateau.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';
import { DEFAULT_MAX_UPSTREAM_BODY_BYTES } from '../src/config.js';
import type { CompiledBuild } from './build.js';
import { sampleRss } from './processes.js';
import { BENCH_API_KEY, startProxy, type Service } from './services.js';
import { round } from './stats.js';

type HostileBody = 'endless' | 'huge-chunked' | 'huge-declared';
const HOSTILE_BODIES: readonly HostileBody[] = ['endless', 'huge-chunked', 'huge-declared'];
const HUGE_BYTES = 200 * 1024 * 1024;
const HOSTILE_DEADLINE_MS = 5000;
/** Hostile bodies of each kind per round, sent one after another; rounds show whether RSS plateaus. */
const PER_ROUND = 5;
const ROUNDS = 4;
/** Ordinary requests before the baseline, so the code paths are warm (as in hung-memory.ts). */
const WARM_UP_REQUESTS = 200;

/**
 * One attempt per request (each request reads exactly one hostile body) and a breaker that never
 * opens (each request does reach the hostile body).
 */
const PROXY_ENV = { FORWARD_HEADERS: 'x-hostile', RETRY_MAX_ATTEMPTS: '1', BREAKER_FAILURE_THRESHOLD: '10000' };

export interface HostileMemoryFigures {
  /** MAX_UPSTREAM_BODY_BYTES of the proxy measured (its default). */
  capBytes: number;
  baselineRssMb: number;
  /** RSS after each round (PER_ROUND bodies of each kind, one after another). */
  afterRoundRssMb: number[];
  peakRssMb: number;
  hostileRequests: number;
  /** Hostile requests answered with a response_too_large envelope before their deadline. */
  envelopesInTime: number;
  /** Worst time from request to envelope of a hostile request. */
  slowestMs: number;
  /** Bytes the hostile server managed to hand to the kernel, over every hostile body. */
  sentMb: number;
}

interface HostileServer {
  url: string;
  sentBytes: () => number;
  close: () => Promise<void>;
}

/** 64 kB of JSON whitespace. */
const CHUNK = Buffer.alloc(64 * 1024, ' ');
const OK_PAGE = JSON.stringify({
  conversations: Array.from({ length: 10 }, (_, index) => ({ conversationId: `c-${index}`, conversationStart: '2026-11-01T00:00:00.000Z', participants: [] })),
  totalHits: 10,
});

/**
 * Writes `head`, then `fillerBytes` of JSON whitespace (Infinity: never ends), honouring
 * backpressure, then `tail`: cut anywhere and closed by its tail the body is still valid JSON.
 * Stops when the peer closes, and then reports the bytes the socket took and whether the body
 * was whole. Shared with the test suite's hostile fake Genesys.
 */
export function streamPaddedBody(res: ServerResponse, fillerBytes: number, head: string, tail: string, onClose: (bytesTaken: number, whole: boolean) => void): void {
  const socket = res.socket!;
  const startBytes = socket.bytesWritten;
  let sent = 0;
  let closed = false;
  socket.once('close', () => {
    closed = true;
    onClose(socket.bytesWritten - startBytes, sent >= fillerBytes);
  });
  res.write(head);
  const pump = (): void => {
    while (!closed && sent < fillerBytes) {
      const chunk = fillerBytes - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, fillerBytes - sent);
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end(tail);
  };
  pump();
}

const HEAD = '{"conversations":[';
const TAIL = '],"totalHits":0}';

async function startHostileGenesys(): Promise<HostileServer> {
  const counted = { bytes: 0 };
  const count = (bytesTaken: number): void => void (counted.bytes += bytesTaken);
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'hostile-bench-token', token_type: 'bearer', expires_in: 86_399 }));
        return;
      }
      const kind = req.headers['x-hostile'];
      if (kind === 'endless') {
        res.writeHead(200, { 'content-type': 'application/json' });
        streamPaddedBody(res, Number.POSITIVE_INFINITY, HEAD, TAIL, count);
      } else if (kind === 'huge-chunked' || kind === 'huge-declared') {
        res.writeHead(200, { 'content-type': 'application/json', ...(kind === 'huge-declared' ? { 'content-length': String(HUGE_BYTES) } : {}) });
        streamPaddedBody(res, HUGE_BYTES - HEAD.length - TAIL.length, HEAD, TAIL, count);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(OK_PAGE);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sentBytes: () => counted.bytes,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function flowRequest(proxy: Service, hostile: HostileBody | 'ok', deadlineMs: number): Promise<{ errorCode: string | undefined; elapsedMs: number }> {
  const startedAt = performance.now();
  const response = await request(`${proxy.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-hostile': hostile },
    body: JSON.stringify({ page_size: 10, max_pages: 1, deadline_ms: deadlineMs }),
  });
  const envelope = (await response.body.json()) as { error_code?: string };
  return { errorCode: envelope.error_code, elapsedMs: performance.now() - startedAt };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureHostileMemory(build: CompiledBuild): Promise<HostileMemoryFigures> {
  const genesys = await startHostileGenesys();
  const proxy = await startProxy(build, genesys.url, PROXY_ENV);
  try {
    for (let index = 0; index < WARM_UP_REQUESTS; index++) await flowRequest(proxy, 'ok', 8000);
    await pause(500);
    const baselineRssMb = proxy.rssMb();
    const sampler = sampleRss(proxy);
    const afterRoundRssMb: number[] = [];
    let hostileRequests = 0;
    let envelopesInTime = 0;
    let slowestMs = 0;
    for (let pass = 0; pass < ROUNDS; pass++) {
      for (let index = 0; index < PER_ROUND; index++) {
        for (const kind of HOSTILE_BODIES) {
          const { errorCode, elapsedMs } = await flowRequest(proxy, kind, HOSTILE_DEADLINE_MS);
          hostileRequests++;
          slowestMs = Math.max(slowestMs, elapsedMs);
          if (errorCode === 'response_too_large' && elapsedMs < HOSTILE_DEADLINE_MS) envelopesInTime++;
        }
      }
      await pause(500);
      afterRoundRssMb.push(round(proxy.rssMb(), 1));
    }
    const { peakMb } = sampler.stop();
    return {
      capBytes: DEFAULT_MAX_UPSTREAM_BODY_BYTES,
      baselineRssMb: round(baselineRssMb, 1),
      afterRoundRssMb,
      peakRssMb: round(peakMb, 1),
      hostileRequests,
      envelopesInTime,
      slowestMs: Math.round(slowestMs),
      sentMb: round(genesys.sentBytes() / 1024 / 1024, 0),
    };
  } finally {
    await proxy.stop();
    await genesys.close();
  }
}
