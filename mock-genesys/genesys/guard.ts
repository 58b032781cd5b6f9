// The type of the bearer/rate-limit check every Genesys API route runs as its preHandler.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type ApiGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
