// `rate-limit`: a per-token limit local to the rule (`limit` requests per `window_ms`); over it,
// the normalized Genesys 429 with Retry-After = seconds to the window's reset; under it, pass.
import { bearerTokenOf } from '../genesys/auth.js';
import { rateLimitBody } from '../genesys/errors.js';
import { sendErrorBody, setRateLimitHeaders } from '../genesys/headers.js';
import type { Fault } from './fault.js';

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

export const rateLimit: Fault = {
  apply({ request, reply, step, session, contextId, ruleLimiter }) {
    const limiter = ruleLimiter(step.limit ?? 0, step.window_ms ?? DEFAULT_RATE_LIMIT_WINDOW_MS);
    const verdict = limiter.hit(`${session}\n${bearerTokenOf(request.headers.authorization) ?? 'no-token'}`);
    setRateLimitHeaders(reply, verdict);
    if (verdict.allowed) return { type: 'continue', applied: 'pass' };
    reply.header('Retry-After', String(verdict.resetSeconds));
    sendErrorBody(reply, rateLimitBody(verdict.resetSeconds, contextId));
    return { type: 'answered', applied: 'rate-limit' };
  },
};
