// `revoke-token` / `expire-token`: the request's bearer token stops working for this session;
// this call and every later one with that token get 401 bad.credentials.
import { Type } from './params.js';
import { bearerTokenOf } from '../genesys/auth.js';
import { errorBody } from '../genesys/errors.js';
import { sendErrorBody } from '../genesys/headers.js';
import { defineFault } from './fault.js';

function invalidateToken<const Kind extends string>(kind: Kind) {
  return defineFault({
    kind,
    params: Type.Object({}),
    needsBearerToken: true,
    apply({ request, reply, session, state, contextId }) {
      const token = bearerTokenOf(request.headers.authorization);
      if (token) state.tokens.revoke(token, session);
      sendErrorBody(reply, errorBody(401, { code: 'bad.credentials', contextId }));
      return { type: 'answered', applied: kind };
    },
  });
}

export const revokeToken = invalidateToken('revoke-token');
/** Genesys answers an expired token exactly like a revoked one. */
export const expireToken = invalidateToken('expire-token');
