// Caller authentication: `Authorization: Bearer <key>` or `x-api-key: <key>`, compared in
// constant time against PROXY_API_KEYS (common/bearer.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { bearerCredentialOf, secretIndexer, secretMatcher } from '../../common/bearer.js';

/** The key a caller presented, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = bearerCredentialOf(headers.authorization);
  if (bearer !== undefined) return bearer;
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Whether a presented key is one of PROXY_API_KEYS, in time that does not depend on which. */
export const createKeyChecker: (keys: readonly string[]) => (presented: string | undefined) => boolean = secretMatcher;

/** Which configured key a caller presented: its index, or -1, in time that does not depend on which. */
export const createKeyResolver: (keys: readonly string[]) => (presented: string | undefined) => number = secretIndexer;
