// Who may call what: PROXY_API_KEYS entries are bare keys (everything) or scoped to actions
// (`key:action1+action2`). /api/query counts as the conversation-details action.
import type { IncomingHttpHeaders } from 'node:http';
import type { ProxyConfig } from '../config.js';
import { secretIndexer } from '../../common/bearer.js';
import { presentedKey } from './auth.js';

export type Verdict = { ok: true; scope: readonly string[] | undefined } | { ok: false; status: 401 | 403; message: string };

export const MISSING_KEY_MESSAGE = 'missing or wrong API key: send Authorization: Bearer <key> or x-api-key: <key>';

export function createCallerAuth(auth: ProxyConfig['auth']): (headers: IncomingHttpHeaders, action: string | undefined) => Verdict {
  // Every key is compared (no early exit), so the time taken does not depend on which matched.
  const resolve = secretIndexer(auth.apiKeys);
  return (headers, action) => {
    if (!auth.enabled) return { ok: true, scope: undefined };
    const index = resolve(presentedKey(headers));
    if (index === -1) return { ok: false, status: 401, message: MISSING_KEY_MESSAGE };
    const scope = auth.scopes[index];
    if (scope === undefined || action === undefined || scope.includes(action)) return { ok: true, scope };
    return {
      ok: false,
      status: 403,
      message: `this API key may call only: ${scope.join(', ')}; "${action}" is outside its scope (PROXY_API_KEYS entry key:${scope.join('+')})`,
    };
  };
}
