// Caller authentication: `Authorization: Bearer <key>` or `x-api-key: <key>`, compared in
// constant time over SHA-256 digests (equal length, so timingSafeEqual never throws or leaks length).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The key a caller presented, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match !== null) return match[1];
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function createKeyChecker(keys: readonly string[]): (presented: string | undefined) => boolean {
  const digests = keys.map(digest);
  return (presented) => {
    if (presented === undefined) return false;
    const candidate = digest(presented);
    let matched = false;
    // No early exit: the time taken does not depend on which key matched.
    for (const known of digests) matched = timingSafeEqual(candidate, known) || matched;
    return matched;
  };
}

/**
 * Finds which configured key a caller presented: its index, or -1. Every key is compared
 * (no early exit), so the time taken does not depend on which one matched.
 */
export function createKeyResolver(keys: readonly string[]): (presented: string | undefined) => number {
  const digests = keys.map(digest);
  return (presented) => {
    if (presented === undefined) return -1;
    const candidate = digest(presented);
    let index = -1;
    digests.forEach((known, position) => {
      if (timingSafeEqual(candidate, known) && index === -1) index = position;
    });
    return index;
  };
}
