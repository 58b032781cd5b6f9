// The secret registry and the raw_response excerpt: bounded in memory and in work, and no secret
// (whole or a piece cut at the window's edge) ever survives.
import { describe, expect, it } from 'vitest';
import { RAW_RESPONSE_MAX_CHARS, rawResponseExcerpt, rawResponseWindow, type Envelope } from '../../src/envelope.js';
import { sendEnvelope } from '../../src/http/query-route.js';
import { ProxyMetrics } from '../../src/metrics.js';
import { SecretRegistry, scrubSecrets } from '../../src/secrets.js';

const TOKEN = 'tok3n-Abc123-def456-ghi789';

describe('SecretRegistry', () => {
  it('scrubs a bare token it was given, wherever it appears', () => {
    const registry = new SecretRegistry(['client-secret-value']);
    registry.add(TOKEN);
    expect(registry.scrub(`token ${TOKEN} rejected (${TOKEN}) client-secret-value`)).toBe('token [redacted] rejected ([redacted]) [redacted]');
  });

  it('stays bounded: the oldest tokens are forgotten, pinned secrets never', () => {
    const registry = new SecretRegistry(['client-secret-value'], 3);
    for (let index = 0; index < 10; index++) registry.add(`token-number-${index}`);
    expect(registry.values()).toEqual(['client-secret-value', 'token-number-7', 'token-number-8', 'token-number-9']);
  });

  it('ignores strings too short to be secrets', () => {
    const registry = new SecretRegistry(['abc']);
    registry.add('x');
    expect(registry.values()).toEqual([]);
  });
});

describe('rawResponseExcerpt', () => {
  it('scrubs only a window of the body, so the work is bounded whatever its size', () => {
    const body = `${TOKEN}${'e'.repeat(50 * 1024 * 1024)}`;
    const { window } = rawResponseWindow(body, [TOKEN]);
    expect(window.length).toBeLessThanOrEqual(2 * RAW_RESPONSE_MAX_CHARS + 512);
    expect(rawResponseExcerpt(body, [TOKEN])).toBe(`[redacted]${'e'.repeat(RAW_RESPONSE_MAX_CHARS - 10)}`);
  });

  it('never keeps a piece of a secret cut at the edge of the window', () => {
    for (let offset = RAW_RESPONSE_MAX_CHARS - 30; offset <= RAW_RESPONSE_MAX_CHARS + 5; offset++) {
      const body = `${'x'.repeat(offset)}${TOKEN}${'y'.repeat(5000)}`;
      const excerpt = rawResponseExcerpt(body, [TOKEN])!;
      expect(excerpt.length).toBeLessThanOrEqual(RAW_RESPONSE_MAX_CHARS);
      expect(excerpt).not.toContain(TOKEN.slice(0, 6));
    }
  });

  it('never keeps a piece of a secret when earlier replacements shorten the text', () => {
    const long = `L${'o'.repeat(600)}ng-secret`;
    const body = `${long}${'x'.repeat(RAW_RESPONSE_MAX_CHARS - 20)}${long}${'z'.repeat(5000)}`;
    const excerpt = rawResponseExcerpt(body, [long])!;
    expect(excerpt).not.toContain('Loooooo');
    expect(excerpt.length).toBeLessThanOrEqual(RAW_RESPONSE_MAX_CHARS);
  });

  it('scrubs a token field cut off by the window', () => {
    expect(scrubSecrets('{"access_token":"abcdefgh', [])).toBe('{"access_token":"[redacted]"');
  });
});

describe('elapsed_ms', () => {
  it('is measured when the envelope is written', () => {
    let sent = '';
    const reply = { elapsedTime: 4321.4, request: { routeOptions: { url: '/api/query' }, url: '/api/query', params: {} }, code: () => reply, type: () => reply, send: (json: string) => ((sent = json), reply) };
    const envelope = { success: false, action: 'route_to_fallback', fallback_type: 'api_failure', elapsed_ms: 2500, data: [] } as unknown as Envelope;
    const config = { limits: { maxEnvelopeBytes: 60_000 } } as Parameters<typeof sendEnvelope>[3]['config'];
    sendEnvelope(reply as never, 200, envelope, { config, metrics: new ProxyMetrics() });
    expect(JSON.parse(sent).elapsed_ms).toBe(4321);
  });
});
