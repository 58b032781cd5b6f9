// The base URL a listening Fastify app answers on, for callers on this machine: loopback
// when it is bound to all addresses. Used by the stack (mock and proxy) and the console.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${address.family === 'IPv6' && host !== '127.0.0.1' ? `[${host}]` : host}:${address.port}`;
}
