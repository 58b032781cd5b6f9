// Hostile callers: silent and slow sockets, socket floods, absurd nesting, thousands of unknown
// fields, misleading content types. Real sockets where the behaviour is on the wire; counts of
// bytes and sockets instead of timing windows.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, parseJsonBody } from '../../src/http/json-body.js';
import { openFilesSoftLimit } from '../../src/server.js';
import { conversations, hang, startFakeGenesys, type Behaviour, type FakeGenesys } from '../proxy/support/fake-genesys.js';
import { API_KEY, startProxy, type RunningProxy } from '../proxy/support/proxy.js';

let genesys: FakeGenesys | undefined;
let proxy: RunningProxy | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await proxy?.close();
  await genesys?.close();
  proxy = undefined;
  genesys = undefined;
});

async function setup(env: Record<string, string> = {}, query: Behaviour[] = [conversations(['a'])]): Promise<RunningProxy> {
  genesys = await startFakeGenesys({ query });
  proxy = await startProxy(genesys.url, env);
  return proxy;
}

const auth = { authorization: `Bearer ${API_KEY}` };

function post(payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return proxy!.app.inject({ method: 'POST', url: '/api/query', headers: { ...auth, ...headers }, payload });
}

/** A raw socket to the proxy; resolves once connected. */
function connect(): Promise<net.Socket> {
  const { port } = new URL(proxy!.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', () => {});
    socket.once('error', reject);
    sockets.push(socket);
  });
}

const closed = (socket: net.Socket): Promise<void> => (socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve())));

describe('messages that say what is wrong', () => {
  it('answers valid JSON sent as text/plain with the 415 that says what to send', async () => {
    await setup();
    const response = await post('{"page_size": 10}', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toContain('send the body as Content-Type: application/json');
    expect(response.json().message).toContain('text/plain');
  });

  it('names a __proto__ key instead of calling the body invalid JSON', async () => {
    await setup();
    const response = await post('{"query": {"__proto__": {"polluted": true}}}');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('query has a "__proto__" key, which is refused (prototype pollution); remove it');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the position of a JSON syntax error', async () => {
    await setup();
    const response = await post('{"page_size": }');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^body is not valid JSON: Unexpected token '}'/);
  });
});

describe('raw query fields are checked against the shape of a ConversationQuery', () => {
  const nested = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('answers 5,000 levels of nesting with a 400 that says where, not internal_error', async () => {
    const proxy = await setup();
    const response = await post(`{"query": {"segmentFilters": [{"type": "and", "clauses": [${nested(5000)}]}]}}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'invalid_request', fallback_type: 'invalid_request' });
    expect(response.json().message).toBe(`query.segmentFilters[0].clauses[0]${'.a'.repeat(MAX_BODY_DEPTH - 5)} is nested deeper than ${MAX_BODY_DEPTH} levels`);
    expect(proxy.logs.join('\n')).not.toContain('RangeError');
    expect(genesys!.calls).toHaveLength(0);
  });

  it.each([
    ['nesting inside a predicate', '{"segmentFilters": [{"type": "and", "predicates": [{"type": "dimension", "value": {"x": {"y": 1}}}]}]}', 'query.segmentFilters[0].predicates[0].value must be of type string'],
    ['nesting in an unknown field of a clause', '{"segmentFilters": [{"type": "and", "clauses": [{"type": "or", "extra": [[1]]}]}]}', 'query.segmentFilters[0].clauses[0].extra must be a string, number or boolean'],
    ['clauses inside a clause', '{"conversationFilters": [{"type": "and", "clauses": [{"type": "or", "clauses": [{"type": "and"}]}]}]}', 'query.conversationFilters[0].clauses[0].clauses must be a string, number or boolean'],
    ['101 predicates in a clause', `{"segmentFilters": [{"type": "and", "clauses": [{"type": "or", "predicates": [${Array(101).fill('{"dimension": "queueId", "value": "q"}').join(',')}]}]}]}`, 'query.segmentFilters[0].clauses[0].predicates must NOT have more than 100 items'],
    ['51 clauses in a filter', `{"segmentFilters": [{"type": "and", "clauses": [${Array(51).fill('{"type": "or"}').join(',')}]}]}`, 'query.segmentFilters[0].clauses must NOT have more than 50 items'],
    ['a non-numeric range', '{"segmentFilters": [{"type": "and", "predicates": [{"type": "metric", "range": {"gt": "x"}}]}]}', 'query.segmentFilters[0].predicates[0].range.gt must be of type number'],
  ])('answers %s with a 400 that says where', async (_name, query, message) => {
    await setup();
    const response = await post(`{"query": ${query}}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(message);
    expect(genesys!.calls).toHaveLength(0);
  });

  it('passes a filter of the real shape through to Genesys', async () => {
    await setup();
    const filter = { type: 'and', clauses: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q1' }] }], predicates: [{ type: 'metric', metric: 'tHandle', range: { gte: 1000 } }] };
    const response = await post(JSON.stringify({ query: { conversationFilters: [filter] } }));
    expect(response.json()).toMatchObject({ success: true });
    expect(JSON.parse(genesys!.queryCalls()[0]!.body).conversationFilters).toEqual([filter]);
  });

  it('parses without recursion whatever the depth', () => {
    expect(parseJsonBody(nested(30_000))).toEqual({ ok: false, message: `${'a.'.repeat(MAX_BODY_DEPTH).slice(0, -1)} is nested deeper than ${MAX_BODY_DEPTH} levels` });
  });
});

describe('every envelope fits its byte budget', () => {
  it('summarises 5,000 unknown fields: the first few names and a count', async () => {
    await setup();
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`f${index}`, index])));
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(60_000);
    const message: string = response.json().message;
    expect(message).toContain('unknown field "f0"');
    expect(message).toContain('unknown field "f4"');
    expect(message).not.toContain('"f5"');
    expect(message).toContain('and 4995 more unknown fields');
  });

  it('shortens the message of a 4xx envelope to a tiny budget', async () => {
    await setup({ MAX_ENVELOPE_BYTES: '2000' });
    const body = JSON.stringify({ query: { segmentFilters: Array.from({ length: 40 }, () => ({ type: 'and', predicates: [{ type: 'x'.repeat(200) }] })) } });
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(2000);
    expect(response.json()).toMatchObject({ error_code: 'invalid_request' });
  });
});

describe('silent and slow sockets', () => {
  it('closes a socket that never sends a byte', async () => {
    await setup({ SERVER_IDLE_TIMEOUT_MS: '300' });
    const socket = await connect();
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    await closed(socket);
    expect(received).toBe(0);
  });

  it('closes a socket whose body is dribbled, before the body ends', async () => {
    await setup({ SERVER_REQUEST_TIMEOUT_MS: '1000', SERVER_HEADERS_TIMEOUT_MS: '1000', SERVER_IDLE_TIMEOUT_MS: '5000' });
    const socket = await connect();
    const body = '{"page_size": 10}'.padEnd(400, ' ');
    socket.write(`POST /api/query HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${API_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`);
    let sent = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && sent < body.length) socket.write(body[sent++]!);
    }, 20);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await closed(socket);
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(genesys!.calls).toHaveLength(0);
  });

  it('closes a socket that stops in the middle of its body', async () => {
    await setup({ SERVER_IDLE_TIMEOUT_MS: '300' });
    const socket = await connect();
    socket.write(`POST /api/query HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${API_KEY}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"page_`);
    await closed(socket);
    expect(genesys!.calls).toHaveLength(0);
  });

  it('keeps a request waiting on Genesys longer than the idle timeout, and answers it', async () => {
    const proxy = await setup({ SERVER_IDLE_TIMEOUT_MS: '200' }, [hang]);
    const { status, envelope } = await proxy.query({ deadline_ms: 1500 });
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ error_code: 'upstream_timeout' });
  });

  it('closes a kept-alive socket after the keep-alive timeout', async () => {
    await setup({ SERVER_KEEP_ALIVE_TIMEOUT_MS: '300' });
    const socket = await connect();
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write(`GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n`);
    await closed(socket);
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(answer).toMatch(/keep-alive/i);
  });
});

describe('a flood of idle sockets', () => {
  it('keeps answering legitimate callers under 1,100 idle sockets, then closes every idle one', async () => {
    const proxy = await setup({ SERVER_MAX_CONNECTIONS: '200', SERVER_IDLE_TIMEOUT_MS: '2000' });
    // In batches of 100: 1,100 connects at once overflow the listen backlog, and the kernel then
    // completes handshakes the server never accepts (no server-side socket to time out).
    const idle: net.Socket[] = [];
    for (let batch = 0; batch < 11; batch++) idle.push(...(await Promise.all(Array.from({ length: 100 }, () => connect()))));
    for (let index = 0; index < 5; index++) {
      const { status, envelope } = await proxy.query({}, { connection: 'close' });
      expect(status).toBe(200);
      expect(envelope).toMatchObject({ success: true });
    }
    // Over the cap, the oldest idle sockets made room at once; the rest go at the idle timeout.
    await expect.poll(() => idle.filter((socket) => socket.closed).length, { timeout: 15_000, interval: 100 }).toBe(1100);
  });

  it('reads the soft open-file limit from /proc/self/limits', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';
    expect(openFilesSoftLimit(limits)).toBe(1024);
    expect(openFilesSoftLimit('Max open files            unlimited            unlimited            files\n')).toBeUndefined();
  });
});
