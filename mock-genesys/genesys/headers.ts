// Headers every Genesys API answer carries, and the one way the mock sends an ErrorBody
// (status, body and an ININ-Correlation-Id equal to the body's contextId).
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from './errors.js';
import type { RateLimitVerdict } from './rate-limiter.js';

export const CORRELATION_HEADER = 'ININ-Correlation-Id';
export const RATE_LIMIT_COUNT_HEADER = 'inin-ratelimit-count';
export const RATE_LIMIT_ALLOWED_HEADER = 'inin-ratelimit-allowed';
export const RATE_LIMIT_RESET_HEADER = 'inin-ratelimit-reset';

export function setRateLimitHeaders(reply: FastifyReply, verdict: RateLimitVerdict): void {
  reply.header(RATE_LIMIT_COUNT_HEADER, String(verdict.count));
  reply.header(RATE_LIMIT_ALLOWED_HEADER, String(verdict.limit));
  reply.header(RATE_LIMIT_RESET_HEADER, String(verdict.resetSeconds));
}

export function sendErrorBody(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(body.status).header(CORRELATION_HEADER, body.contextId).type('application/json; charset=UTF-8').send(body);
}

/** Whether a request's Content-Type is JSON; a bodiless request (no Content-Type) counts as JSON, so the body check answers. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}
