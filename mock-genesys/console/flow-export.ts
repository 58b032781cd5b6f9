// "Use in your flow": the console's own server fetches an action's exports from the proxy's
// export route (the mock may not import src/, so the generators stay in the proxy) with the
// console's key, and hands them to the page under the console's guard.
import type { FastifyInstance } from 'fastify';
import type { MockConfig } from '../config.js';

/** The proxy's export targets (src/export/flow-contract.ts EXPORT_TARGETS; the proxy is the authority). */
const TARGETS = new Set(['architect', 'terraform', 'twilio', 'cxone']);
const ACTION_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** The export route answers from memory; a proxy that takes longer is not going to. */
const PROXY_TIMEOUT_MS = 5000;
/** Exports are a few kB; anything far larger is not an export. */
const MAX_EXPORT_BYTES = 1024 * 1024;

type ProxyAnswer = { ok: true; status: number; headers: Headers; body: string } | { ok: false; message: string };

async function fromProxy(config: Pick<MockConfig, 'consoleProxyUrl' | 'consoleApiKey'>, path: string): Promise<ProxyAnswer> {
  const base = config.consoleProxyUrl.replace(/\/+$/, '');
  try {
    const response = await fetch(`${base}${path}`, { headers: { 'x-api-key': config.consoleApiKey }, signal: AbortSignal.timeout(PROXY_TIMEOUT_MS) });
    const body = await response.text();
    if (body.length > MAX_EXPORT_BYTES) return { ok: false, message: `the proxy at ${base} answered more than ${MAX_EXPORT_BYTES} bytes` };
    return { ok: true, status: response.status, headers: response.headers, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { ok: false, message: `Could not reach the proxy at ${base} (${cause}). Is it running, and does CONSOLE_PROXY_URL point at it?` };
  }
}

/** The proxy's `{ error_code, message }` as the console's `{ error, message }`. */
function proxyError(status: number, body: string): { error: string; message: string } {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') return { error: typeof parsed.error_code === 'string' ? parsed.error_code : 'proxy_error', message: parsed.message };
  } catch {
    // not JSON: said below
  }
  return { error: 'proxy_error', message: `The proxy's export route answered HTTP ${status}.` };
}

/** Registers the two routes inside the console's guarded API scope. */
export function registerFlowExport(api: FastifyInstance, config: Pick<MockConfig, 'consoleProxyUrl' | 'consoleApiKey'>): void {
  api.get<{ Params: { action: string } }>('/console/api/flow/:action', async (request, reply) => {
    const { action } = request.params;
    if (!ACTION_NAME.test(action)) return reply.code(400).send({ error: 'invalid_action', message: `${JSON.stringify(action.slice(0, 100))} is not an action name` });
    const answer = await fromProxy(config, `/api/actions/${action}/export`);
    if (!answer.ok) return reply.code(502).send({ error: 'proxy_unreachable', message: answer.message });
    // A proxy without this action (or without the export route) is a state to show, not an error.
    if (answer.status === 404) return { action, available: false, message: `The proxy has no export for ${action}: ${proxyError(answer.status, answer.body).message}` };
    if (answer.status !== 200) return reply.code(502).send(proxyError(answer.status, answer.body));
    return reply.type('application/json; charset=utf-8').send(answer.body);
  });

  api.get<{ Params: { action: string; target: string } }>('/console/api/flow/:action/:target', async (request, reply) => {
    const { action, target } = request.params;
    if (!ACTION_NAME.test(action) || !TARGETS.has(target)) {
      return reply.code(400).send({ error: 'invalid_export', message: `no export ${JSON.stringify(`${action.slice(0, 100)}/${target.slice(0, 20)}`)}; targets: ${[...TARGETS].join(', ')}` });
    }
    // The flow calls the proxy where the console reaches it: put that URL in the export.
    const query = new URLSearchParams({ proxy_url: config.consoleProxyUrl.replace(/\/+$/, '') });
    const answer = await fromProxy(config, `/api/actions/${action}/export/${target}?${query}`);
    if (!answer.ok) return reply.code(502).send({ error: 'proxy_unreachable', message: answer.message });
    if (answer.status !== 200) return reply.code(answer.status === 404 ? 404 : 502).send(proxyError(answer.status, answer.body));
    const disposition = answer.headers.get('content-disposition');
    if (disposition !== null) reply.header('content-disposition', disposition);
    return reply.type(answer.headers.get('content-type') ?? 'text/plain; charset=utf-8').send(answer.body);
  });
}
