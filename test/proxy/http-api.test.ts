// The proxy's HTTP surface: caller auth, request validation, the non-query routes, logs.
import { describe, expect, it, vi } from 'vitest';
import { conversations, genesysError, oauthError, token, type Behaviour } from './support/fake-genesys.js';
import { proxyPerTest } from './support/per-test.js';
import { API_KEY, CLIENT_SECRET, type RunningProxy } from './support/proxy.js';

const setup = proxyPerTest();

const post = (proxy: RunningProxy, body: string, headers: Record<string, string>) =>
  proxy.app.inject({ method: 'POST', url: '/api/query', headers: { 'content-type': 'application/json', ...headers }, payload: body });

describe('caller authentication', () => {
  it.each([
    ['no key', {}],
    ['a wrong bearer key', { authorization: 'Bearer nope' }],
    ['a wrong x-api-key', { 'x-api-key': 'nope' }],
    ['a Basic header', { authorization: `Basic ${API_KEY}` }],
  ])('answers 401 unauthorized for %s without calling Genesys', async (_name, headers) => {
    const { genesys, proxy } = await setup();
    const response = await post(proxy, '{}', headers);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ success: false, status_code: 401, fallback_type: 'invalid_request', action: 'route_to_fallback', error_code: 'unauthorized' });
    expect(genesys.calls).toHaveLength(0);
  });

  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${API_KEY}` }],
    ['x-api-key', { 'x-api-key': API_KEY }],
  ])('accepts the key in %s', async (_name, headers) => {
    const { proxy } = await setup({ query: [conversations(['a'])] });
    const response = await post(proxy, '{}', headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ success: true });
  });

  it('needs no key with PROXY_AUTH=off', async () => {
    const { proxy } = await setup({ query: [conversations(['a'])] }, { PROXY_AUTH: 'off' });
    expect((await post(proxy, '{}', {})).statusCode).toBe(200);
  });
});

describe('request validation', () => {
  const auth = { authorization: `Bearer ${API_KEY}` };

  it.each([
    ['bad JSON', '{"page_size":', 'not valid JSON'],
    ['an unknown field', '{"pagesize": 10, "colour": 1}', 'unknown field "pagesize"; unknown field "colour"'],
    ['a wrong type', '{"page_size": "10"}', 'page_size must be of type integer'],
    ['page_size above MAX_PAGE_SIZE', '{"page_size": 101}', 'page_size must be <= 100'],
    ['page_size 0', '{"page_size": 0}', 'page_size must be >= 1'],
    ['max_pages above MAX_PAGES', '{"max_pages": 6}', 'max_pages must be <= 5'],
    ['deadline_ms below 1000', '{"deadline_ms": 10}', 'deadline_ms must be >= 1000'],
    ['deadline_ms above MAX_DEADLINE_MS', '{"deadline_ms": 60000}', 'deadline_ms must be <= 55000'],
    ['an unknown media type', '{"media_types": ["fax"]}', 'media_types[0] must be one of'],
    ['paging inside query', '{"query": {"paging": {}}}', 'query: unknown field "paging"'],
    ['a body that is not an object', '[1,2]', 'body must be a JSON object'],
    ['start after end', '{"interval": "2026-11-02T00:00:00Z/2026-11-01T00:00:00Z"}', 'the interval is empty'],
    ['8 days without filters', '{"interval": "2026-11-01T00:00:00Z/2026-11-09T00:00:00Z"}', 'at most 7 days'],
    ['a filter syntax error', `{"filter_expression": "queue.id = 'x' AND media.type 'voice'"}`, 'filter_expression at position 31: expected the operator ='],
  ])('answers 400 invalid_request for %s, saying what to fix', async (_name, body, message) => {
    const { genesys, proxy } = await setup();
    const response = await post(proxy, body, auth);
    expect(response.statusCode).toBe(400);
    const envelope = response.json();
    expect(envelope).toMatchObject({ success: false, status_code: 400, fallback_type: 'invalid_request', action: 'route_to_fallback', error_code: 'invalid_request' });
    expect(envelope.message).toContain(message);
    expect(genesys.calls).toHaveLength(0);
  });

  it('treats an empty body as the default query', async () => {
    const { genesys, proxy } = await setup({ query: [conversations([])] });
    const response = await proxy.app.inject({ method: 'POST', url: '/api/query', headers: auth });
    expect(response.json()).toMatchObject({ success: true });
    expect(JSON.parse(genesys.queryCalls()[0]!.body).paging).toEqual({ pageSize: 100, pageNumber: 1 });
  });

  it('answers 413 payload_too_large above the body limit', async () => {
    const { proxy } = await setup();
    const response = await post(proxy, JSON.stringify({ filter_expression: 'x'.repeat(70_000) }), auth);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ fallback_type: 'invalid_request', error_code: 'payload_too_large', action: 'route_to_fallback' });
  });

  it.each([
    ['a non-JSON Content-Type', { 'content-type': 'application/xml' }, 'Content-Type "application/xml"'],
    ['no Content-Type', {}, 'without Content-Type'],
  ])('answers 415 invalid_request, saying what to send, for a body with %s', async (_name, headers, received) => {
    const { genesys, proxy } = await setup();
    const response = await proxy.app.inject({ method: 'POST', url: '/api/query', headers: { ...auth, ...headers }, payload: '{}' });
    expect(response.statusCode).toBe(415);
    const envelope = response.json();
    expect(envelope).toMatchObject({ success: false, status_code: 415, fallback_type: 'invalid_request', action: 'route_to_fallback', error_code: 'invalid_request' });
    expect(envelope.message).toContain(received);
    expect(envelope.message).toContain('send the body as Content-Type: application/json');
    expect(genesys.calls).toHaveLength(0);
  });

  it('answers 404 JSON on unknown routes', async () => {
    const { proxy } = await setup();
    const response = await proxy.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error_code: 'not_found' });
  });

  it('answers an internal error as HTTP 200 internal_error, with the stack only in the log', async () => {
    const { proxy } = await setup();
    proxy.app.gateway.run = async () => {
      throw new Error('boom in the gateway');
    };
    const response = await post(proxy, '{}', auth);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ success: false, fallback_type: 'internal_error', action: 'route_to_fallback', error_code: 'internal_error' });
    expect(response.body).not.toContain('boom');
    expect(proxy.logs.some((line) => line.includes('boom in the gateway') && line.includes('"stack"'))).toBe(true);
  });
});

describe('tokens', () => {
  it('fetches exactly one token for a cold burst of 50 concurrent requests', async () => {
    const { genesys, proxy } = await setup({ query: [conversations(['a'])] });
    const results = await Promise.all(Array.from({ length: 50 }, () => proxy.query()));
    expect(results.every(({ envelope }) => envelope.success)).toBe(true);
    expect(genesys.tokenCalls()).toHaveLength(1);
    expect(genesys.queryCalls()).toHaveLength(50);
  });

  it('forwards FORWARD_HEADERS on token and API calls and keeps one token per context', async () => {
    const { genesys, proxy } = await setup({ query: [conversations(['a'])] }, { FORWARD_HEADERS: 'x-mock-scenario,x-mock-session' });
    await proxy.query({}, { 'x-mock-session': 'run-1', 'x-mock-scenario': 'happy-path' });
    await proxy.query({}, { 'x-mock-session': 'run-1', 'x-mock-scenario': 'happy-path' });
    await proxy.query({}, { 'x-mock-session': 'run-2', 'x-mock-scenario': 'happy-path' });
    expect(genesys.tokenCalls().map((call) => call.headers['x-mock-session'])).toEqual(['run-1', 'run-2']);
    expect(genesys.queryCalls().map((call) => call.headers['x-mock-session'])).toEqual(['run-1', 'run-1', 'run-2']);
    expect(genesys.calls.every((call) => call.headers['x-mock-scenario'] === 'happy-path')).toBe(true);
    expect(genesys.calls.every((call) => call.headers['x-api-key'] === undefined)).toBe(true);
  });

  it('sends the client credentials as a form-encoded Basic grant through the SDK', async () => {
    const { genesys, proxy } = await setup({ query: [conversations([])] });
    await proxy.query();
    const [call] = genesys.tokenCalls();
    expect(call!.body).toBe('grant_type=client_credentials');
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call!.headers.authorization).toBe(`Basic ${Buffer.from(`test-client-id:${CLIENT_SECRET}`).toString('base64')}`);
  });
});

describe('secrets', () => {
  it('never writes the client secret, a Basic credential or a bearer token to logs or envelopes', async () => {
    const { genesys, proxy } = await setup(
      {
        token: [token(), oauthError(401, 'invalid_client')],
        query: [genesysError(401, 'bad.credentials'), genesysError(500, 'internal.server.error'), conversations(['a'])],
      },
      { LOG_LEVEL: 'trace', RETRY_MAX_ATTEMPTS: '2' },
    );
    const texts = [(await proxy.query()).text, (await proxy.query()).text, (await proxy.query({}, { 'x-api-key': API_KEY })).text];
    const basic = Buffer.from(`test-client-id:${CLIENT_SECRET}`).toString('base64');
    const tokens = genesys.queryCalls().map((call) => String(call.headers.authorization).replace('Bearer ', ''));
    expect(tokens.length).toBeGreaterThan(0);
    for (const text of [...texts, ...proxy.logs]) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(basic);
      expect(text).not.toContain(API_KEY);
      for (const bearer of tokens) expect(text).not.toContain(bearer);
    }
  });

  it('logs a successful query with one info access line, its details at debug, both with the request and correlation ids', async () => {
    const { proxy } = await setup({ query: [conversations(['a'])] }, { LOG_LEVEL: 'debug' });
    await proxy.query();
    const lines = proxy.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.correlation_id !== undefined);
    expect(lines.map((line) => [line.msg, line.level])).toEqual([
      ['query answered', 20],
      ['access', 30],
    ]);
    for (const line of lines) expect(line).toMatchObject({ correlation_id: 'corr-ok', action: 'process_data', reqId: lines[0]!.reqId });
  });
});

describe('operations routes', () => {
  it('answers /healthz without calling Genesys', async () => {
    const { genesys, proxy } = await setup();
    const response = await proxy.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok' });
    expect(genesys.calls).toHaveLength(0);
  });

  it('exposes Prometheus metrics of requests, upstream calls, retries and tokens', async () => {
    const { proxy } = await setup({ query: [genesysError(503, 'x'), conversations(['a'])] });
    await proxy.query();
    const text = (await proxy.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('proxy_requests_total{action="process_data",fallback_type="none"} 1');
    expect(text).toContain('proxy_upstream_calls_total{source="api",outcome="503"} 1');
    expect(text).toContain('proxy_retries_total{reason="server_error"} 1');
    expect(text).toContain('proxy_token_fetches_total{result="ok"} 1');
    expect(text).toContain('proxy_circuit_breakers_open 0');
    expect(text).toContain('proxy_upstream_latency_seconds_bucket');
  });

  it('documents POST /api/query in /openapi.json with the validated schemas', async () => {
    const { proxy } = await setup();
    const document = (await proxy.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/api/query'].post;
    const bodySchema = operation.requestBody.content['application/json'].schema;
    expect(bodySchema.additionalProperties).toBe(false);
    expect(Object.keys(bodySchema.properties)).toEqual(expect.arrayContaining(['filter_expression', 'interval', 'queue_ids', 'media_types', 'query', 'page_size', 'max_pages', 'deadline_ms']));
    expect(operation.responses['200'].content['application/json'].schema.properties.action.enum).toContain('wait_and_retry');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '415']));
  });

  it('answers requests in flight when closed (graceful shutdown)', async () => {
    // Genesys answers only when the test says so: once the proxy has stopped listening.
    let answer: (() => void) | undefined;
    const held: Behaviour = (res, call) => {
      answer = () => conversations(['a'])(res, call);
    };
    const { proxy } = await setup({ query: [held] });
    const inFlight = proxy.query();
    await vi.waitFor(() => expect(answer).toBeDefined());
    const closing = proxy.close();
    await vi.waitFor(() => expect(proxy.app.server.listening).toBe(false));
    answer!();
    const { status, envelope } = await inFlight;
    await closing;
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ success: true });
  });
});
