// `status`: an HTTP error as Genesys sends it: ErrorBody (or the OAuth shape on the token
// endpoint), ININ-Correlation-Id, and Retry-After when the step gives retry_after_s.
import { Type } from './params.js';
import { errorBody, oauthError, rateLimitBody, type ErrorBody } from '../genesys/errors.js';
import { CORRELATION_HEADER, setRateLimitHeaders } from '../genesys/headers.js';
import { GENESYS_DEFAULT_RATE_LIMIT_PER_MIN } from '../genesys/rate-limiter.js';
import type { RouteId } from '../scenarios/types.js';
import { defineFault } from './fault.js';
import { headersParam } from './headers-param.js';

/** OAuth error codes (RFC 6749 §5.2 and the login host's 5xx) for a status on the token endpoint. */
export function oauthErrorFor(status: number): { error: string; description: string } {
  if (status === 401) return { error: 'invalid_client', description: 'Client authentication failed.' };
  if (status === 403) return { error: 'unauthorized_client', description: 'The client is not authorized to use this grant type.' };
  if (status === 500) return { error: 'server_error', description: 'The authorization server encountered an unexpected condition.' };
  if (status === 429 || status >= 502) return { error: 'temporarily_unavailable', description: 'The authorization server is temporarily unavailable.' };
  return { error: 'invalid_request', description: 'The request is missing a parameter or is otherwise malformed.' };
}

export function statusBody(options: { status: number; route: RouteId | undefined; contextId: string; retryAfterSeconds?: number; overrides?: Record<string, unknown> }): object {
  const { status, route, contextId, retryAfterSeconds, overrides = {} } = options;
  if (route === 'token') {
    const { error, description } = oauthErrorFor(status);
    return { ...oauthError(error, description), ...overrides };
  }
  const base =
    status === 429 && retryAfterSeconds !== undefined
      ? rateLimitBody(retryAfterSeconds, contextId)
      : errorBody(status, { contextId });
  // An overridden message also becomes messageWithParams, unless that is overridden too.
  const message = (overrides as Partial<ErrorBody>).message ?? base.message;
  return { ...base, messageWithParams: message, ...overrides };
}

/** What an injected 429 says about the window when the step gives no retry_after_s: a whole window. */
const RATE_LIMIT_WINDOW_S = 60;

export const status = defineFault({
  kind: 'status',
  params: Type.Object({
    status: Type.Integer({ minimum: 200, maximum: 599, description: 'status: HTTP status to answer.' }),
    body: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'status: error body field overrides.' })),
    headers: headersParam('status'),
    retry_after_s: Type.Optional(Type.Integer({ minimum: 0, description: 'status: Retry-After header, in seconds.' })),
  }),
  needsBearerToken: false,
  apply({ reply, route, state, contextId }, { status: statusCode, body: overrides, headers, retry_after_s: retryAfterSeconds }) {
    const body = statusBody({
      status: statusCode,
      route,
      contextId,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(overrides ? { overrides: overrides as Record<string, unknown> } : {}),
    });
    const correlationId = typeof (body as { contextId?: unknown }).contextId === 'string' ? (body as { contextId: string }).contextId : contextId;
    reply.code(statusCode).header(CORRELATION_HEADER, correlationId);
    if (statusCode === 429 && route !== 'token') {
      // The same inin-ratelimit-* headers as a 429 of the mock's own limiter: one over the limit.
      const limit = state.rateLimiter?.limit ?? GENESYS_DEFAULT_RATE_LIMIT_PER_MIN;
      setRateLimitHeaders(reply, { allowed: false, count: limit + 1, limit, resetSeconds: Math.max(1, retryAfterSeconds ?? RATE_LIMIT_WINDOW_S) });
    }
    if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
    if (headers) reply.headers(headers);
    reply.send(body);
    return { type: 'answered', applied: 'status' };
  },
});
