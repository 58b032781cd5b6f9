// `rate-limit`: a per-token limit local to the rule (`limit` requests per `window_ms`); over it,
// the normalized Genesys 429 with Retry-After = seconds to the window's reset; under it, pass.
import { rateLimitBody } from '../genesys/errors.js';
import { bearerTokenOf, type Fault } from './fault.js';

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

export const rateLimit: Fault = {
  apply({ request, reply, step, session, contextId, ruleLimiter }) {
    const limiter = ruleLimiter(step.limit ?? 0, step.window_ms ?? DEFAULT_RATE_LIMIT_WINDOW_MS);
    const verdict = limiter.hit(`${session}\n${bearerTokenOf(request) ?? 'no-token'}`);
    reply.headers({
      'inin-ratelimit-count': String(verdict.count),
      'inin-ratelimit-allowed': String(verdict.limit),
      'inin-ratelimit-reset': String(verdict.resetSeconds),
    });
    if (verdict.allowed) return { type: 'continue', applied: 'pass' };
    reply
      .code(429)
      .header('Retry-After', String(verdict.resetSeconds))
      .header('ININ-Correlation-Id', contextId)
      .send(rateLimitBody(verdict.resetSeconds, contextId));
    return { type: 'answered', applied: 'rate-limit' };
  },
};
