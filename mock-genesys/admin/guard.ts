// Who may use the admin API: loopback clients when no MOCK_ADMIN_TOKEN is set; otherwise
// anyone presenting `Authorization: Bearer <token>`. Pure, so the rule is tested without sockets.
import { bearerCredentialOf, sameSecret } from '../../common/bearer.js';
import { isLoopbackAddress } from '../../common/loopback.js';

export type AdminAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

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
  const presented = bearerCredentialOf(caller.authorization);
  if (presented !== undefined && sameSecret(presented, adminToken)) return { allowed: true };
  return { allowed: false, status: 401, message: 'The admin API needs Authorization: Bearer <MOCK_ADMIN_TOKEN>.' };
}
