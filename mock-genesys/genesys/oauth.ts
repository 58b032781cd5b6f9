// POST /oauth/token: the client-credentials grant of the Genesys login host. Answers the
// token shape the SDK reads and OAuth-shaped errors. Never logs the secret or the token.
import type { FastifyInstance } from 'fastify';
import { sameSecret } from '../../common/bearer.js';
import type { MockConfig } from '../config.js';
import type { MockState } from '../state.js';
import { oauthError, type OAuthErrorBody } from './errors.js';
import { TOKEN_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export type TokenRequestVerdict =
  | { ok: true; clientId: string }
  | { ok: false; status: 400 | 401; body: OAuthErrorBody };

/** The id and secret of an `Authorization: Basic base64(id:secret)` header. */
export function basicCredentialsOf(authorization: string | undefined): ClientCredentials | undefined {
  const match = /^basic +([A-Za-z0-9+/=_-]+) *$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/** Client authentication first (401), then the grant (400), as OAuth servers do. */
export function checkTokenRequest(authorization: string | undefined, form: unknown, expected: ClientCredentials): TokenRequestVerdict {
  const given = basicCredentialsOf(authorization);
  if (!given) {
    return { ok: false, status: 401, body: oauthError('invalid_client', 'Client authentication is required: Authorization: Basic base64(client_id:client_secret)') };
  }
  if (!sameSecret(given.clientId, expected.clientId) || !sameSecret(given.clientSecret, expected.clientSecret)) {
    return { ok: false, status: 401, body: oauthError('invalid_client', 'client not found or wrong client secret') };
  }
  const grantType = typeof form === 'object' && form !== null ? (form as Record<string, unknown>).grant_type : undefined;
  if (grantType === undefined || grantType === '') {
    return { ok: false, status: 400, body: oauthError('invalid_request', 'grant_type is required (grant_type=client_credentials)') };
  }
  if (grantType !== 'client_credentials') {
    const shown = typeof grantType === 'string' ? JSON.stringify(grantType.slice(0, 40)) : 'a non-string value';
    return { ok: false, status: 400, body: oauthError('unsupported_grant_type', `grant_type ${shown} is not supported; use client_credentials`) };
  }
  return { ok: true, clientId: given.clientId };
}

const FORM = 'application/x-www-form-urlencoded';

export async function registerOAuthRoute(app: FastifyInstance, deps: { config: MockConfig; state: MockState }): Promise<void> {
  const expected = { clientId: deps.config.clientId, clientSecret: deps.config.clientSecret };
  // Encapsulated so that only the login route accepts form bodies.
  await app.register(async (login) => {
    if (!login.hasContentTypeParser(FORM)) {
      login.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
    }
    login.post(TOKEN_PATH, { config: routeConfig('token') }, async (request, reply) => {
      const verdict = checkTokenRequest(request.headers.authorization, request.body, expected);
      // RFC 6749 §5.1: token answers are never cached.
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').type('application/json');
      if (!verdict.ok) {
        if (verdict.status === 401) reply.header('WWW-Authenticate', 'Basic realm="login"');
        return reply.code(verdict.status).send(verdict.body);
      }
      const issued = deps.state.tokens.issue(deps.config.tokenTtlSeconds);
      return { access_token: issued.token, token_type: 'bearer', expires_in: deps.config.tokenTtlSeconds };
    });
  });
}
