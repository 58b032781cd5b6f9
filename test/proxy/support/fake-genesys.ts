// A scriptable stand-in for Genesys on a real loopback socket: each route answers with the
// behaviour scripted for its n-th call (the last one repeats), so every fault is on the wire.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedCall {
  route: 'token' | 'query' | 'other';
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = (res: ServerResponse, call: RecordedCall) => void;

/** What each route answers, call by call (the last behaviour repeats). */
export interface Script {
  token?: Behaviour[];
  query?: Behaviour[];
}

export const TOKEN_PATH = '/oauth/token';
export const QUERY_PATH = '/api/v2/analytics/conversations/details/query';

export interface FakeGenesys {
  url: string;
  calls: RecordedCall[];
  tokenCalls: () => RecordedCall[];
  queryCalls: () => RecordedCall[];
  close: () => Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

// --- behaviours ---------------------------------------------------------------------------

let tokenSerial = 0;
export const token =
  (expiresInSeconds = 86399): Behaviour =>
  (res) =>
    json(res, 200, { access_token: `fake-token-${++tokenSerial}-${'x'.repeat(20)}`, token_type: 'bearer', expires_in: expiresInSeconds });

export const conversations = (ids: string[], totalHits = ids.length): Behaviour => (res) =>
  json(res, 200, { conversations: ids.map((conversationId) => ({ conversationId, conversationStart: '2026-11-01T00:00:00.000Z' })), totalHits }, { 'inin-correlation-id': 'corr-ok' });

/** Answers page N (from the request's paging) with the ids given for it. */
export const pages = (byPage: Record<number, string[]>, totalHits: number): Behaviour => (res, call) => {
  const pageNumber = (JSON.parse(call.body) as { paging: { pageNumber: number } }).paging.pageNumber;
  conversations(byPage[pageNumber] ?? [], totalHits)(res, call);
};

export const genesysError = (status: number, code: string, headers: Record<string, string> = {}): Behaviour => (res) =>
  json(res, status, { message: `fake ${code}`, code, status, contextId: `ctx-${status}`, details: [], errors: [] }, { 'inin-correlation-id': `ctx-${status}`, ...headers });

export const rateLimited = (retryAfterSeconds: number): Behaviour =>
  genesysError(429, 'too.many.requests.retry.after', { 'retry-after': String(retryAfterSeconds) });

export const oauthError = (status: number, error: string): Behaviour => (res) => json(res, status, { error, description: 'fake' });

/** TCP reset before any answer (ECONNRESET at the client). */
export const reset: Behaviour = (res) => res.socket?.resetAndDestroy();

/** Accepts the request and never answers. */
export const hang: Behaviour = () => {};

/** Sends headers and half the promised body, then closes the connection. */
export const closeMidBody: Behaviour = (res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
  res.write('{"conversations":[{"conversationId":"a"');
  setTimeout(() => res.socket?.destroy(), 10);
};

/** A complete 200 answer whose body is not JSON. */
export const invalidJson: Behaviour = (res) => json(res, 200, '{"conversations":[{"conversationId":');

// --- server -------------------------------------------------------------------------------

export async function startFakeGenesys(script: Script): Promise<FakeGenesys> {
  const calls: RecordedCall[] = [];
  const sockets = new Set<Socket>();
  const counts = { token: 0, query: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const route = req.url === TOKEN_PATH ? 'token' : req.url === QUERY_PATH ? 'query' : 'other';
      const call: RecordedCall = { route, headers: req.headers, body };
      calls.push(call);
      if (route === 'other') return json(res, 404, { code: 'not.found' });
      const behaviours = script[route] ?? [route === 'token' ? token() : conversations([])];
      const behaviour = behaviours[Math.min(counts[route]++, behaviours.length - 1)]!;
      behaviour(res, call);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    tokenCalls: () => calls.filter((call) => call.route === 'token'),
    queryCalls: () => calls.filter((call) => call.route === 'query'),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
