// What "a valid answer" means for the reliability tests: every body is a fallback envelope
// that satisfies the published JSON Schema, and a 4xx says what is wrong in `message`.
import { Ajv } from 'ajv';
import { envelopeSchema } from '../../src/http/schemas.js';

const validateEnvelope = new Ajv({ allErrors: true, strict: false }).compile(envelopeSchema);

/** Caller mistakes the proxy may answer with a 4xx, each with its error_code. */
const CALLER_ERROR_CODES = new Set(['invalid_request', 'unauthorized', 'payload_too_large']);

/** Why an HTTP answer of the proxy is not acceptable, or undefined when it is. */
export function answerProblem(status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  if (!validateEnvelope(body)) return `HTTP ${status}, not an envelope: ${JSON.stringify(validateEnvelope.errors)} in ${text.slice(0, 300)}`;
  const envelope = body as { fallback_type: string; error_code?: string; message?: string };
  if (status >= 400) {
    if (envelope.fallback_type !== 'invalid_request') return `HTTP ${status} with fallback_type ${envelope.fallback_type}`;
    if (!CALLER_ERROR_CODES.has(envelope.error_code ?? '')) return `HTTP ${status} with error_code ${String(envelope.error_code)}`;
    if (typeof envelope.message !== 'string' || envelope.message.trim().length < 10) return `HTTP ${status} without a message saying what is wrong`;
  } else if (status !== 200) {
    return `unexpected HTTP ${status}`;
  }
  return undefined;
}
