import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../mock-genesys/console/curl.js';

describe('curlCommand', () => {
  it('quotes for a POSIX shell', () => {
    expect(shellQuote("queue.id='a b'")).toBe(`'queue.id='\\''a b'\\'''`);
  });

  it('sends the body with the scenario header and a fresh session per paste', () => {
    const command = curlCommand({ proxyUrl: 'http://127.0.0.1:3000/', apiKey: 'demo-key', scenario: 'forbidden', body: { filter_expression: "media.type='voice'" } });
    expect(command).toBe(
      [
        "curl -sS -X POST 'http://127.0.0.1:3000/api/query'",
        "  -H 'Authorization: Bearer demo-key'",
        "  -H 'Content-Type: application/json'",
        "  -H 'x-mock-scenario: forbidden'",
        '  -H "x-mock-session: curl-$(date +%s)"',
        `  -d '{"filter_expression":"media.type='\\''voice'\\''"}'`,
      ].join(' \\\n'),
    );
  });
});
