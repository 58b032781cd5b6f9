// Who may use the admin API: loopback clients when no MOCK_ADMIN_TOKEN is set; otherwise
// anyone presenting `Authorization: Bearer <token>`. Pure, so the rule is tested without sockets.
import { isLoopbackHost } from '../../src/env.js';
import { sameSecret } from '../genesys/oauth.js';

export type AdminAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopbackHost(address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address);
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
  // MOCK_ADMIN_TOKEN is any secret the operator chose, not a Genesys token: take it whole.
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(caller.authorization ?? '')?.[1];
  if (presented !== undefined && sameSecret(presented, adminToken)) return { allowed: true };
  return { allowed: false, status: 401, message: 'The admin API needs Authorization: Bearer <MOCK_ADMIN_TOKEN>.' };
}
