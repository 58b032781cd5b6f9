import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  BUDGET_FULL_MESSAGE,
  ERROR_CODES,
  FALLBACK_TYPES,
  envelopeOf,
  failureFields,
  finalFailureFields,
  scrubSecrets,
  serializeWithinBudget,
  type Envelope,
} from '../../src/envelope.js';
import type { ListData } from '../../src/engine/outcome.js';
import { NETWORK_FAULTS, type AttemptFailure } from '../../src/retry/outcome.js';

const http = (status: number, source: 'api' | 'login' = 'api', extra: object = {}): AttemptFailure => ({ kind: 'http', source, status, body: '', ...extra });

describe('failure mapping (README, "The fallback envelope")', () => {
  it.each([
    [429, 'wait_and_retry', 'rate_limited'],
    [500, 'route_to_fallback', 'upstream_error'],
    [501, 'route_to_fallback', 'upstream_error'],
    [502, 'route_to_fallback', 'upstream_unavailable'],
    [503, 'route_to_fallback', 'upstream_unavailable'],
    [504, 'route_to_fallback', 'gateway_timeout'],
    [401, 'refresh_token', 'bad_credentials'],
    [403, 'log_permission_error', 'missing_permissions'],
    [400, 'route_to_fallback', 'bad_request'],
    [404, 'route_to_fallback', 'not_found'],
    [409, 'route_to_fallback', 'upstream_rejected'],
  ] as const)('API %i → %s / %s', (status, action, errorCode) => {
    expect(failureFields(http(status))).toMatchObject({ status_code: status, fallback_type: 'api_failure', action, error_code: errorCode });
  });

  it.each([
    [401, 'refresh_token', 'login_failed'],
    [400, 'route_to_fallback', 'login_failed'],
    [503, 'route_to_fallback', 'upstream_unavailable'],
    [429, 'wait_and_retry', 'rate_limited'],
  ] as const)('token endpoint %i → %s / %s', (status, action, errorCode) => {
    expect(failureFields(http(status, 'login'))).toMatchObject({ status_code: status, action, error_code: errorCode });
  });

  it.each(NETWORK_FAULTS)('network fault %s → 599 network_error route_to_fallback', (fault) => {
    expect(failureFields({ kind: 'network', source: 'api', fault, detail: 'x' })).toMatchObject({
      status_code: 599,
      fallback_type: 'network_error',
      action: 'route_to_fallback',
      error_code: fault,
    });
  });

  it('carries retry_after and the Genesys code of a 429', () => {
    expect(failureFields(http(429, 'api', { retryAfterSeconds: 30, genesysCode: 'too.many.requests.retry.after' }))).toMatchObject({
      retry_after: 30,
      genesys_code: 'too.many.requests.retry.after',
    });
  });

  it('reports circuit_open as 503 when no upstream call was made', () => {
    expect(finalFailureFields({ reason: 'circuit_open' })).toMatchObject({ status_code: 503, fallback_type: 'api_failure', action: 'route_to_fallback', error_code: 'circuit_open' });
  });

  it('reports retry_budget_exhausted with the last upstream status', () => {
    expect(finalFailureFields({ reason: 'retry_budget_exhausted', last: http(503) })).toMatchObject({ status_code: 503, error_code: 'retry_budget_exhausted', action: 'route_to_fallback' });
  });

  it('reports deadline_exceeded as 599 network_error', () => {
    expect(finalFailureFields({ reason: 'deadline_exceeded', last: http(503) })).toMatchObject({ status_code: 599, fallback_type: 'network_error', error_code: 'deadline_exceeded' });
  });

  it('documents every error code with one line and uses only listed actions and fallback types', () => {
    for (const [code, doc] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z_]+$/);
      expect(doc.length).toBeGreaterThan(10);
      expect(doc).not.toContain('\n');
    }
    expect(ACTIONS).toHaveLength(5);
    expect(FALLBACK_TYPES).toHaveLength(5);
  });
});

describe('envelopeOf', () => {
  const meta = { attempts: 1, elapsedMs: 12.4, correlationId: 'c-1' };
  const list = (items: Record<string, unknown>[], extra: Partial<ListData> = {}): ListData => ({ shape: 'list', items, totalHits: items.length, pagesFetched: 1, incomplete: false, budgetFull: false, ...extra });

  it('builds a success envelope without error fields', () => {
    const envelope = envelopeOf({ status: 'complete', data: list([{ conversationId: 'a' }]) }, meta, []);
    expect(envelope).toEqual({
      success: true,
      status_code: 200,
      fallback_type: 'none',
      action: 'process_data',
      data: [{ conversationId: 'a' }],
      record_count: 1,
      total_hits: 1,
      pages_fetched: 1,
      truncated: false,
      attempts: 1,
      elapsed_ms: 12,
      correlation_id: 'c-1',
    });
  });

  it('keeps the pages read and flags the error when allow_partial saved a later page failure', () => {
    const envelope = envelopeOf({ status: 'partial', data: list([{ conversationId: 'a' }], { incomplete: true }), failure: { last: http(503) } }, { ...meta, lastBody: '{"code":"service.unavailable"}' }, []);
    expect(envelope).toMatchObject({ success: true, action: 'process_data', truncated: true, error_code: 'upstream_unavailable', record_count: 1 });
    expect(envelope.raw_response).toBe('{"code":"service.unavailable"}');
  });

  it('says so when paging stopped because the byte budget was full', () => {
    const envelope = envelopeOf({ status: 'complete', data: list([{ conversationId: 'a' }], { incomplete: true, budgetFull: true }) }, meta, []);
    expect(envelope).toMatchObject({ success: true, truncated: true, message: BUDGET_FULL_MESSAGE });
  });

  it('answers an object action with its data object, and {} when it failed', () => {
    const ok = envelopeOf({ status: 'complete', data: { shape: 'object', value: { found: false }, answers: 1 } }, meta, []);
    expect(ok).toMatchObject({ success: true, data: { found: false }, record_count: 1, pages_fetched: 1 });
    const failed = envelopeOf({ status: 'failed', shape: 'object', failure: { last: http(404) } }, meta, []);
    expect(failed).toMatchObject({ success: false, data: {}, error_code: 'not_found', record_count: 0 });
  });

  it('limits raw_response to 1000 scrubbed characters', () => {
    const body = `{"message":"Bearer abc.def.ghi","access_token":"tok-secret"}${'x'.repeat(2000)}`;
    const envelope = envelopeOf({ status: 'failed', shape: 'list', failure: { last: http(500) } }, { ...meta, lastBody: body }, []);
    expect(envelope.raw_response).toHaveLength(1000);
    expect(envelope.raw_response).not.toContain('abc.def.ghi');
    expect(envelope.raw_response).not.toContain('tok-secret');
  });
});

describe('scrubSecrets', () => {
  it('removes bearer and basic credentials, token fields and literal secrets', () => {
    const text = 'Authorization: Bearer eyJhbGciOi.x-y_z; Basic aWQ6c2VjcmV0 {"access_token": "t0k\\"en", "client_secret":"s"} access_token=abc&x=1 my-client-secret';
    const scrubbed = scrubSecrets(text, ['my-client-secret']);
    expect(scrubbed).toBe('Authorization: Bearer [redacted]; Basic [redacted] {"access_token": "[redacted]", "client_secret":"[redacted]"} access_token=[redacted]&x=1 [redacted]');
  });
});

describe('serializeWithinBudget', () => {
  const envelope = (count: number): Envelope => ({
    success: true,
    status_code: 200,
    fallback_type: 'none',
    action: 'process_data',
    data: Array.from({ length: count }, (_, index) => ({ conversationId: `c-${index}`, note: 'é'.repeat(100) })),
    record_count: count,
    total_hits: count,
    pages_fetched: 1,
    truncated: false,
    attempts: 1,
    elapsed_ms: 5,
    correlation_id: 'c',
  });

  it('leaves an envelope that fits untouched', () => {
    const whole = envelope(3);
    const { body } = serializeWithinBudget(whole, 60_000);
    expect(JSON.parse(body.toString('utf8'))).toEqual(whole);
  });

  it("splices the items' JSON paging made instead of serializing them again, within the budget too", () => {
    const whole = envelope(3);
    const dataJson = (whole.data as object[]).map((item) => Buffer.from(JSON.stringify(item, null, 1)));
    const spliced = serializeWithinBudget(whole, 60_000, dataJson).body.toString('utf8');
    expect(spliced).toContain(String(dataJson[2]));
    expect(JSON.parse(spliced)).toEqual(whole);
    const fitted = serializeWithinBudget(envelope(500), 5000, (envelope(500).data as object[]).map((item) => Buffer.from(JSON.stringify(item, null, 1))));
    expect(fitted.body.length).toBeLessThanOrEqual(5000);
    expect(JSON.parse(fitted.body.toString('utf8'))).toEqual(fitted.envelope);
    // JSON for other items than the envelope's is never used.
    expect(serializeWithinBudget(whole, 60_000, dataJson.slice(1)).body.toString('utf8')).not.toContain(String(dataJson[2]));
  });

  it('drops conversations from the end, sets truncated and stays within the byte budget', () => {
    for (const maxBytes of [2000, 5000, 20_000]) {
      const { body, envelope: fitted } = serializeWithinBudget(envelope(500), maxBytes);
      expect(body.length).toBeLessThanOrEqual(maxBytes);
      const parsed = JSON.parse(body.toString('utf8')) as Envelope;
      expect(parsed).toEqual(fitted);
      expect(parsed.truncated).toBe(true);
      expect(parsed.record_count).toBe(parsed.data.length);
      expect((parsed.data as unknown[])[0]).toEqual({ conversationId: 'c-0', note: 'é'.repeat(100) });
      // Adding the next conversation would have broken the budget.
      const next = JSON.stringify({ conversationId: `c-${parsed.data.length}`, note: 'é'.repeat(100) });
      expect(body.length + Buffer.byteLength(next) + 1).toBeGreaterThan(maxBytes - 4);
    }
  });
});
