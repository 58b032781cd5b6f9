// The interface every fault kind implements (one module per kind, registry in index.ts).
// A fault runs in the root preHandler, after the step's delay: it either answers (through
// Fastify or by taking over the raw socket), or lets the normal route run — optionally
// rewriting how the normal, serialized body goes out on the wire.
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter } from '../genesys/rate-limiter.js';
import type { MockState } from '../state.js';
import type { FaultKind, RouteId, Step } from '../scenarios/types.js';

export interface FaultContext {
  request: FastifyRequest;
  reply: FastifyReply;
  step: Step;
  route: RouteId | undefined;
  session: string;
  state: MockState;
  /** Correlation id for an error this fault answers with (ININ-Correlation-Id). */
  contextId: string;
  /** The rate limiter of this request's rule and step (created on first use). */
  ruleLimiter(limit: number, windowMs: number): RateLimiter;
  /** Keeps a socket the fault leaves open; destroyed when the server closes. */
  holdOpen(socket: Socket): void;
}

/**
 * Writes the normal response's serialized body in a faulty way; returns the stream Fastify sends.
 * The response already declares the body's full length.
 */
export type PayloadRewrite = (payload: Buffer, reply: FastifyReply) => Readable;

export type FaultOutcome =
  /** The normal route answers; `applied` is what the journal records. */
  | { type: 'continue'; applied: FaultKind; rewritePayload?: PayloadRewrite }
  /** The fault answered (reply sent, or the socket taken over). */
  | { type: 'answered'; applied: FaultKind };

export interface Fault {
  apply(context: FaultContext): FaultOutcome;
}

/** Takes the connection away from Fastify; what is written next is raw bytes. */
export function takeSocket(reply: FastifyReply): Socket {
  reply.hijack();
  return reply.request.raw.socket;
}
