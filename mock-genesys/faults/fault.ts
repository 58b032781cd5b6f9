// The contract every fault kind implements (one module per kind, registry in index.ts), after
// toxiproxy's model: a fault owns its kind, its parameters (a JSON Schema fragment with
// descriptions, defaults and units in the names), what it needs, and its behaviour.
// A fault runs in the root preHandler, after the step's delay: it either answers (through
// Fastify or by taking over the raw socket), or lets the normal route run — optionally
// rewriting how the normal, serialized body goes out on the wire.
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaticProperties, TObject, TProperties } from './params.js';
import type { FixtureStore } from '../fixtures.js';
import type { RateLimiter } from '../genesys/rate-limiter.js';
import type { MockState } from '../state.js';
import type { RouteId } from '../scenarios/types.js';

export interface FaultContext {
  request: FastifyRequest;
  reply: FastifyReply;
  route: RouteId | undefined;
  session: string;
  state: MockState;
  /** Correlation id for an error this fault answers with (ININ-Correlation-Id). */
  contextId: string;
  /** The rate limiter of this request's rule and step (created on first use). */
  ruleLimiter(limit: number, windowMs: number): RateLimiter;
  /** Keeps a socket the fault leaves open; destroyed when the server closes. */
  holdOpen(socket: Socket): void;
  /** Recorded answers for `fixture` steps. */
  fixtures: FixtureStore;
}

/**
 * Writes the normal response's serialized body in a faulty way; returns the stream Fastify sends.
 * The response already declares the body's full length.
 */
export type PayloadRewrite = (payload: Buffer, reply: FastifyReply) => Readable;

export type FaultOutcome =
  /** The normal route answers; `applied` is what the journal records. */
  | { type: 'continue'; applied: string; rewritePayload?: PayloadRewrite }
  /** The fault answered (reply sent, or the socket taken over). */
  | { type: 'answered'; applied: string };

// `any` by default: a registry holds faults of every parameter shape (each checked by defineFault).
export interface Fault<Kind extends string = string, Params extends TProperties = any> {
  /** The `fault:` value of a step; also the registry key. */
  readonly kind: Kind;
  /**
   * The step keys this fault takes besides `fault`, `delay` and `probability`: JSON Schema
   * (built with params.ts) with a description, a default where optional, units in names.
   */
  readonly params: TObject<Params>;
  /** Acts on the request's bearer token, which the token endpoint's requests do not carry. */
  readonly needsBearerToken: boolean;
  apply(context: FaultContext, params: StaticProperties<Params>): FaultOutcome;
}

/** Declares a fault with its parameter types inferred from its schema. */
export function defineFault<const Kind extends string, Params extends TProperties>(fault: Fault<Kind, Params>): Fault<Kind, Params> {
  return fault;
}

/** Takes the connection away from Fastify; what is written next is raw bytes. */
export function takeSocket(reply: FastifyReply): Socket {
  reply.hijack();
  return reply.request.raw.socket;
}

/**
 * The body stream of a payload rewrite. On the first read the status and headers go out (even
 * when no body byte will), then `start` pushes the body; `stop` runs if the stream is destroyed.
 */
export function bodyAfterHeaders(reply: FastifyReply, start: (body: Readable) => void, stop?: () => void): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      reply.raw.flushHeaders();
      start(this);
    },
    destroy(error, callback) {
      stop?.();
      callback(error);
    },
  });
}
