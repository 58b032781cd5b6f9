// Who may use the admin API: loopback clients when no MOCK_ADMIN_TOKEN is set; otherwise
// anyone presenting `Authorization: Bearer <token>`. Pure, so the rule is tested without sockets.
import { createHash, timingSafeEqual } from 'node:crypto';

export type AdminAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function adminAccess(
  caller: { remoteAddress: string | undefined; authorization: string | undefined },
  adminToken: string | undefined,
): AdminAccess {
  if (adminToken === undefined) {
    return isLoopbackAddress(caller.remoteAddress)
      ? { allowed: true }
      : { allowed: false, status: 403, message: 'The admin API is reachable from loopback only (set MOCK_ADMIN_TOKEN to allow other hosts).' };
  }
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(caller.authorization ?? '')?.[1];
  if (presented !== undefined && sameSecret(presented, adminToken)) return { allowed: true };
  return { allowed: false, status: 401, message: 'The admin API needs Authorization: Bearer <MOCK_ADMIN_TOKEN>.' };
}
