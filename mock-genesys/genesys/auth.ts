// Bearer-token checks for the API routes, as Genesys answers them: no or ill-formed
// Authorization → 401 authentication.required; unknown, expired or revoked → 401 bad.credentials.
import type { TokenStatus } from './token-store.js';

export type BearerVerdict =
  | { ok: true; token: string }
  | { ok: false; code: 'authentication.required' | 'bad.credentials'; message: string };

const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

export function checkBearer(authorization: string | undefined, statusOf: (token: string) => TokenStatus): BearerVerdict {
  const token = bearerTokenOf(authorization);
  if (token === undefined) {
    return { ok: false, code: 'authentication.required', message: 'No authentication bearer token specified in authorization header.' };
  }
  const status = statusOf(token);
  if (status === 'valid') return { ok: true, token };
  return { ok: false, code: 'bad.credentials', message: messageFor[status] };
}

const messageFor: Record<Exclude<TokenStatus, 'valid'>, string> = {
  unknown: 'Invalid login credentials.',
  expired: 'Invalid login credentials. The access token has expired.',
  revoked: 'Invalid login credentials. The access token has been revoked.',
};
