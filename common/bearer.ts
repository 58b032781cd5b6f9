// Bearer credentials and their constant-time comparison, for the secrets an operator chose
// (the proxy's API keys, the mock's MOCK_ADMIN_TOKEN): taken whole, compared over SHA-256
// digests so the lengths are equal and timingSafeEqual never throws or leaks a length.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The credential of an `Authorization: Bearer <credential>` header, or undefined. */
export function bearerCredentialOf(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether `given` equals `expected`, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Which of several secrets was given: its index, or -1; every one is compared (no early exit). */
export function secretIndexer(secrets: readonly string[]): (given: string | undefined) => number {
  const digests = secrets.map(digest);
  return (given) => {
    if (given === undefined) return -1;
    const candidate = digest(given);
    let index = -1;
    digests.forEach((known, position) => {
      if (timingSafeEqual(candidate, known) && index === -1) index = position;
    });
    return index;
  };
}
