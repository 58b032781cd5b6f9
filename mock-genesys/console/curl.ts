// The curl command equivalent to a console run, for designers to paste into a terminal or a ticket.
import { SCENARIO_HEADER, SESSION_HEADER } from '../session.js';

/** Quotes a value for a POSIX shell: single quotes, with each ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface CurlInput {
  proxyUrl: string;
  apiKey: string;
  scenario: string;
  body: Record<string, unknown>;
}

/**
 * The session header is `curl-$(date +%s)` in double quotes: each paste gets a fresh mock
 * session, so the scenario starts from its first step as it did in the console.
 */
export function curlCommand({ proxyUrl, apiKey, scenario, body }: CurlInput): string {
  return [
    `curl -sS -X POST ${shellQuote(`${proxyUrl.replace(/\/+$/, '')}/api/query`)}`,
    `  -H ${shellQuote(`Authorization: Bearer ${apiKey}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -H ${shellQuote(`${SCENARIO_HEADER}: ${scenario}`)}`,
    `  -H "${SESSION_HEADER}: curl-$(date +%s)"`,
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n');
}
