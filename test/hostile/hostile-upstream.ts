// Hostile Genesys answers for the scripted fake (test/proxy/support/fake-genesys.ts): bodies that
// never end or are huge, error bodies that echo the caller's token, absurd Retry-After values.
// Each streaming behaviour counts what it managed to send, so tests assert by bytes, not time.
import type { ServerResponse } from 'node:http';
import { streamPaddedBody } from '../../bench/hostile-memory.js';
import type { Behaviour } from '../proxy/support/fake-genesys.js';

/** What a streaming behaviour sent before the proxy stopped reading (summed over calls). */
export interface SentBytes {
  /** Bytes the socket accepted (written to the kernel), over every call. */
  bytes: number;
  /** Calls whose connection the proxy closed before the body ended. */
  abandoned: number;
  calls: number;
}

export const sentBytes = (): SentBytes => ({ bytes: 0, abandoned: 0, calls: 0 });

/** Streams a padded body (bench/hostile-memory.ts), counting what the proxy took into `stats`. */
function stream(res: ServerResponse, stats: SentBytes, fillerBytes: number, head: string, tail: string): void {
  stats.calls++;
  streamPaddedBody(res, fillerBytes, head, tail, (bytesTaken, whole) => {
    stats.bytes += bytesTaken;
    if (!whole) stats.abandoned++;
  });
}

/** A 200 whose body never ends. */
export const endlessBody = (stats: SentBytes): Behaviour => (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  stream(res, stats, Number.POSITIVE_INFINITY, '{"conversations":[', '');
};

/** A complete, valid answer of about `totalBytes` (chunked, or with its Content-Length declared). */
export const hugeBody = (stats: SentBytes, totalBytes: number, options: { status?: number; declareLength?: boolean } = {}): Behaviour => (res) => {
  const head = options.status === undefined || options.status < 300 ? '{"conversations":[' : '{"code":"internal.server.error","message":"';
  const tail = options.status === undefined || options.status < 300 ? '{"conversationId":"end"}],"totalHits":1}' : '"}';
  const bodyBytes = Math.max(0, totalBytes - head.length - tail.length);
  res.writeHead(options.status ?? 200, {
    'content-type': 'application/json',
    ...(options.declareLength ? { 'content-length': String(head.length + bodyBytes + tail.length) } : {}),
  });
  stream(res, stats, bodyBytes, head, tail);
};

/** A 500 whose Genesys-style message repeats the bearer token it was called with, bare. */
export const echoTokenError: Behaviour = (res, call) => {
  const token = String(call.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message: `token ${token} rejected; seen token=${token}`, code: 'internal.server.error', status: 500, details: [token], errors: [] }));
};

/** A 429 with the given Retry-After header value. */
export const rateLimitedWith = (retryAfter: string): Behaviour => (res) => {
  res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
  res.end(JSON.stringify({ message: 'Rate limit exceeded the maximum', code: 'too.many.requests.retry.after', status: 429, details: [], errors: [] }));
};
