// What runs before every Genesys API handler: the bearer check, then the per-token rate
// limit, then the correlation and inin-ratelimit-* headers. A route-level preHandler, so it
// runs after the fault engine's global hooks (which may have revoked or expired the token).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionOf } from '../session.js';
import type { MockState } from '../state.js';
import { checkBearer } from './auth.js';
import { errorBody, rateLimitBody } from './errors.js';
import { CORRELATION_HEADER, sendErrorBody, setRateLimitHeaders } from './headers.js';
import { GENESYS_DEFAULT_RATE_LIMIT_PER_MIN, RateLimiter } from './rate-limiter.js';

export function createApiGuard(state: MockState): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  // Counts for the headers only; never blocks.
  const headerOnlyLimiter = new RateLimiter(GENESYS_DEFAULT_RATE_LIMIT_PER_MIN);
  return async (request, reply) => {
    const verdict = checkBearer(request.headers.authorization, (token) => state.tokens.status(token, sessionOf(request)));
    if (!verdict.ok) return sendErrorBody(reply, errorBody(401, { code: verdict.code, message: verdict.message }));

    const enforced = state.rateLimiter;
    const limit = (enforced ?? headerOnlyLimiter).hit(verdict.token);
    setRateLimitHeaders(reply, limit);
    if (enforced && !limit.allowed) {
      reply.header('Retry-After', String(limit.resetSeconds));
      return sendErrorBody(reply, rateLimitBody(limit.resetSeconds));
    }
    reply.header(CORRELATION_HEADER, randomUUID());
    return undefined;
  };
}
