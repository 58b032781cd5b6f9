// Pass-through mode (MOCK_UPSTREAM_URL): instead of the mock's own Genesys routes, requests
// are forwarded to a real Genesys org (or another mock). The scenario hooks still wrap every
// request, so a step can fault it; a request no step faults reaches the upstream unchanged.
import type { FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance } from 'fastify';
import { SCENARIO_HEADER, SESSION_HEADER } from './session.js';

export interface PassThroughOptions {
  upstreamUrl: URL;
}

/**
 * Genesys serves the token endpoint from login.{env} and the API from api.{env}: an upstream
 * given as https://api.{env} sends /oauth/* to https://login.{env}. Any other host serves both.
 */
export function loginUpstreamOf(upstreamUrl: URL): URL {
  if (!upstreamUrl.hostname.startsWith('api.')) return upstreamUrl;
  const login = new URL(upstreamUrl.href);
  login.hostname = `login.${upstreamUrl.hostname.slice('api.'.length)}`;
  return login;
}

function withoutTrailingSlash(pathname: string): string {
  return pathname.replace(/\/+$/, '');
}

export async function registerPassThrough(app: FastifyInstance, { upstreamUrl }: PassThroughOptions): Promise<void> {
  // Loaded only in this mode: @fastify/http-proxy brings undici, ws and semver (~170 modules),
  // a third of the mock's start-up time when nothing is forwarded.
  const { default: httpProxy } = await import('@fastify/http-proxy');
  const replyOptions: FastifyHttpProxyOptions['replyOptions'] = {
    // The mock's own selection headers mean nothing upstream (and another mock would fault twice).
    rewriteRequestHeaders: (_request, headers) => {
      const forwarded = { ...headers };
      delete forwarded[SCENARIO_HEADER];
      delete forwarded[SESSION_HEADER];
      return forwarded;
    },
  };
  await app.register(async (scope) => {
    // JSON bodies are parsed (the details query's page is matched on) and re-encoded by the
    // proxy; any other body (the token endpoint's form) is forwarded as the bytes received.
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const loginUrl = loginUpstreamOf(upstreamUrl);
    await scope.register(httpProxy, {
      upstream: loginUrl.origin,
      prefix: '/oauth',
      rewritePrefix: `${withoutTrailingSlash(loginUrl.pathname)}/oauth`,
      proxyPayloads: false,
      replyOptions,
    });
    await scope.register(httpProxy, {
      upstream: upstreamUrl.origin,
      prefix: '/',
      rewritePrefix: withoutTrailingSlash(upstreamUrl.pathname) || '/',
      proxyPayloads: false,
      replyOptions,
    });
  });
}
