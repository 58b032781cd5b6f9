// `rate-limit`: a per-token limit local to the rule (`limit` requests per `window_ms`); over it,
// the normalized Genesys 429 with Retry-After = seconds to the window's reset; under it, pass.
import { Type } from './params.js';
import { bearerTokenOf } from '../genesys/auth.js';
import { rateLimitBody } from '../genesys/errors.js';
import { sendErrorBody, setRateLimitHeaders } from '../genesys/headers.js';
import { defineFault } from './fault.js';

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

export const rateLimit = defineFault({
  kind: 'rate-limit',
  params: Type.Object({
    limit: Type.Integer({ minimum: 0, description: 'rate-limit: requests allowed per window per token.' }),
    window_ms: Type.Optional(Type.Integer({ minimum: 1, default: DEFAULT_RATE_LIMIT_WINDOW_MS, description: 'rate-limit: window length in milliseconds.' })),
  }),
  needsBearerToken: true,
  apply({ request, reply, session, contextId, ruleLimiter }, { limit, window_ms: windowMs = DEFAULT_RATE_LIMIT_WINDOW_MS }) {
    const limiter = ruleLimiter(limit, windowMs);
    const verdict = limiter.hit(`${session}\n${bearerTokenOf(request.headers.authorization) ?? 'no-token'}`);
    setRateLimitHeaders(reply, verdict);
    if (verdict.allowed) return { type: 'continue', applied: 'pass' };
    reply.header('Retry-After', String(verdict.resetSeconds));
    sendErrorBody(reply, rateLimitBody(verdict.resetSeconds, contextId));
    return { type: 'answered', applied: 'rate-limit' };
  },
});
