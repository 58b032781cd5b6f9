// The console's flow-export API: the proxy's exports passed through under the console's guard,
// pointing at the proxy the console uses, with clear answers when the proxy lacks or is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';

describe('console flow-export API', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack.close());

  const get = (url: string) => stack.mock.inject({ method: 'GET', url, remoteAddress: '127.0.0.1' });

  it("passes the proxy's targets and branch table through", async () => {
    const response = await get('/console/api/flow/queue-estimated-wait-time');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ action: 'queue-estimated-wait-time', targets: expect.any(Array), branches: expect.any(Array) });
  });

  it('serves a download that points at the proxy the console uses', async () => {
    const response = await get('/console/api/flow/queue-estimated-wait-time/architect');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="queue-estimated-wait-time.architect.json"');
    expect(response.json().config.request.requestUrlTemplate).toBe(`${stack.proxyUrl}/api/actions/queue-estimated-wait-time`);
  });

  it('says so when the proxy has no such action, and refuses what is not an export', async () => {
    const missing = await get('/console/api/flow/no-such-action');
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({ available: false, message: expect.stringMatching(/no export for no-such-action: no action "no-such-action"/) });
    expect((await get('/console/api/flow/no-such-action/architect')).statusCode).toBe(404);
    const badTarget = await get('/console/api/flow/queue-estimated-wait-time/pdf');
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().message).toMatch(/targets: architect, terraform, twilio, cxone/);
    expect((await get('/console/api/flow/Bad%20Name')).statusCode).toBe(400);
  });

  it('names the proxy URL when the proxy cannot be reached', async () => {
    const before = stack.mockConfig.consoleProxyUrl;
    stack.mockConfig.consoleProxyUrl = 'http://127.0.0.1:9';
    try {
      const response = await get('/console/api/flow/queue-estimated-wait-time');
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ error: 'proxy_unreachable', message: expect.stringMatching(/proxy at http:\/\/127\.0\.0\.1:9 .*CONSOLE_PROXY_URL/) });
    } finally {
      stack.mockConfig.consoleProxyUrl = before;
    }
  });

  it('is guarded like the rest of the console API', async () => {
    const response = await stack.mock.inject({ method: 'GET', url: '/console/api/flow/queue-estimated-wait-time', remoteAddress: '10.0.0.5' });
    expect(response.statusCode).toBe(403);
  });
});
