// `status`: an HTTP error as Genesys sends it: ErrorBody (or the OAuth shape on the token
// endpoint), ININ-Correlation-Id, and Retry-After when the step gives retry_after_s.
import { errorBody, oauthError, rateLimitBody, type ErrorBody } from '../genesys/errors.js';
import { CORRELATION_HEADER } from '../genesys/headers.js';
import type { RouteId } from '../scenarios/types.js';
import type { Fault } from './fault.js';

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

export const status: Fault = {
  apply({ reply, step, route, contextId }) {
    const statusCode = step.status ?? 500;
    const body = statusBody({
      status: statusCode,
      route,
      contextId,
      ...(step.retry_after_s !== undefined ? { retryAfterSeconds: step.retry_after_s } : {}),
      ...(step.body ? { overrides: step.body } : {}),
    });
    const correlationId = typeof (body as { contextId?: unknown }).contextId === 'string' ? (body as { contextId: string }).contextId : contextId;
    reply.code(statusCode).header(CORRELATION_HEADER, correlationId);
    if (step.retry_after_s !== undefined) reply.header('Retry-After', String(step.retry_after_s));
    if (step.headers) reply.headers(step.headers);
    reply.send(body);
    return { type: 'answered', applied: 'status' };
  },
};
