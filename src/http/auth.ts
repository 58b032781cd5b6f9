// Caller authentication: `Authorization: Bearer <key>` or `x-api-key: <key>`, compared in
// constant time against PROXY_API_KEYS (caller-keys.ts, with common/bearer.ts's secretIndexer).
import type { IncomingHttpHeaders } from 'node:http';
import { bearerCredentialOf } from '../../common/bearer.js';

/** The key a caller presented, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = bearerCredentialOf(headers.authorization);
  if (bearer !== undefined) return bearer;
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
