// Conversations in progress: the callbacks a client created (POST /api/v2/conversations/callbacks,
// NOT idempotent: every call creates one) and the participant attributes it wrote
// (PATCH …/conversations/{conversationId}/participants/{participantId}/attributes, answered
// 202 with no body as Genesys does). State is kept per x-mock-session and bounded.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sessionOf } from '../session.js';
import { LIVE_CONVERSATION, QUEUES } from './catalog.js';
import { errorBody, type ErrorBody } from './errors.js';
import type { ApiGuard } from './guard.js';
import { isJsonContentType, sendErrorBody } from './headers.js';
import { CALLBACKS_PATH, PARTICIPANT_ATTRIBUTES_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

const MAX_SESSIONS = 1_000;
const MAX_CONVERSATIONS_PER_SESSION = 1_000;
const MAX_ATTRIBUTES_PER_PARTICIPANT = 100;
const MAX_ATTRIBUTE_CHARS = 4_096;
const MAX_CALLBACK_NUMBERS = 10;
/** E.164 after removing spaces, dashes, dots and parentheses: + and 7 to 15 digits (or 10 US digits). */
const PHONE = /^(\+[1-9]\d{6,14}|[2-9]\d{9})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export interface LiveConversation {
  conversationId: string;
  queueId: string;
  /** participantId → attributes written so far. */
  participants: Map<string, Record<string, string>>;
  callback?: { numbers: string[]; userName?: string; scheduledTime?: string };
}

/** Live conversations per session, least recently used session forgotten first. */
export class LiveConversations {
  readonly #sessions = new Map<string, Map<string, LiveConversation>>();

  add(session: string, conversation: LiveConversation): void {
    const conversations = this.#session(session);
    if (conversations.size >= MAX_CONVERSATIONS_PER_SESSION) conversations.delete(conversations.keys().next().value as string);
    conversations.set(conversation.conversationId, conversation);
  }

  /** A conversation of this session, or the data set's fixed live conversation. */
  get(session: string, conversationId: string): LiveConversation | undefined {
    return this.#sessions.get(session)?.get(conversationId) ?? (conversationId === LIVE_CONVERSATION.conversationId ? this.#fixedFor(session) : undefined);
  }

  /** Callbacks created in this session (for tests and the journal's readers). */
  count(session: string): number {
    return [...(this.#sessions.get(session)?.values() ?? [])].filter((conversation) => conversation.callback).length;
  }

  // The fixed conversation gets a per-session copy on first use, so attribute writes stay in their session.
  #fixedFor(session: string): LiveConversation {
    const copy: LiveConversation = {
      conversationId: LIVE_CONVERSATION.conversationId,
      queueId: QUEUES[0].id,
      participants: new Map([
        [LIVE_CONVERSATION.customerParticipantId, {}],
        [LIVE_CONVERSATION.acdParticipantId, {}],
      ]),
    };
    this.add(session, copy);
    return copy;
  }

  #session(session: string): Map<string, LiveConversation> {
    let conversations = this.#sessions.get(session);
    if (conversations) this.#sessions.delete(session);
    else {
      conversations = new Map();
      if (this.#sessions.size >= MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value as string);
    }
    this.#sessions.set(session, conversations);
    return conversations;
  }
}

type Verdict<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
const badRequest = (message: string, code = 'bad.request'): { ok: false; error: ErrorBody } => ({ ok: false, error: errorBody(400, { code, message }) });
const notFound = (message: string): { ok: false; error: ErrorBody } => ({ ok: false, error: errorBody(404, { message }) });

export interface CallbackRequest {
  queueId: string;
  numbers: string[];
  userName?: string;
  scheduledTime?: string;
}

/** Validates a CreateCallbackCommand: callbackNumbers (phone numbers), a known queue (queueId or routingData.queueId). */
export function parseCallbackCommand(body: unknown): Verdict<CallbackRequest> {
  if (!isObject(body)) return badRequest('The body must be a CreateCallbackCommand object.');
  const numbers = body.callbackNumbers;
  if (!Array.isArray(numbers) || numbers.length === 0) return badRequest('callbackNumbers is required: a non-empty array of phone numbers.');
  if (numbers.length > MAX_CALLBACK_NUMBERS) return badRequest(`callbackNumbers may hold at most ${MAX_CALLBACK_NUMBERS} numbers.`);
  for (const [index, number] of numbers.entries()) {
    if (typeof number !== 'string' || !PHONE.test(number.replace(/[\s().-]/g, ''))) {
      const shown = typeof number === 'string' ? JSON.stringify(number.slice(0, 40)) : typeof number;
      return badRequest(`callbackNumbers[${index}] is not a valid phone number: ${shown}; use E.164, e.g. +13175550123.`, 'invalid.phone.number');
    }
  }
  const routingData = isObject(body.routingData) ? body.routingData : undefined;
  if (body.routingData !== undefined && !routingData) return badRequest('routingData must be an object {queueId, …}.');
  const queueId = body.queueId ?? routingData?.queueId;
  if (queueId === undefined) return badRequest('A queue is required: queueId or routingData.queueId.');
  if (typeof queueId !== 'string') return badRequest('queueId must be a string.');
  if (!QUEUES.some((queue) => queue.id === queueId)) return notFound(`Queue ${JSON.stringify(queueId.slice(0, 80))} was not found.`);
  for (const field of ['callbackUserName', 'scriptId', 'countryCode', 'callerId', 'callerIdName'] as const) {
    if (body[field] !== undefined && (typeof body[field] !== 'string' || body[field].length > 256)) return badRequest(`${field} must be a string of at most 256 characters.`);
  }
  const scheduledTime = body.callbackScheduledTime;
  if (scheduledTime !== undefined && (typeof scheduledTime !== 'string' || !ISO_DATE_TIME.test(scheduledTime) || Number.isNaN(Date.parse(scheduledTime)))) {
    return badRequest('callbackScheduledTime must be an ISO-8601 date-time, e.g. 2026-12-01T15:00:00Z.', 'invalid.value');
  }
  if (body.data !== undefined) {
    const data = stringMap(body.data, 'data');
    if (typeof data === 'string') return badRequest(data);
  }
  return {
    ok: true,
    value: {
      queueId,
      numbers: numbers as string[],
      ...(typeof body.callbackUserName === 'string' ? { userName: body.callbackUserName } : {}),
      ...(typeof scheduledTime === 'string' ? { scheduledTime } : {}),
    },
  };
}

/** Validates ParticipantAttributes: `attributes`, a map of strings. */
export function parseParticipantAttributes(body: unknown): Verdict<Record<string, string>> {
  if (!isObject(body)) return badRequest('The body must be a ParticipantAttributes object {attributes: {name: value}}.');
  const attributes = stringMap(body.attributes, 'attributes');
  if (typeof attributes === 'string') return badRequest(attributes);
  return { ok: true, value: attributes };
}

function stringMap(value: unknown, field: string): Record<string, string> | string {
  if (!isObject(value)) return `${field} must be an object of string values.`;
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES_PER_PARTICIPANT) return `${field} may hold at most ${MAX_ATTRIBUTES_PER_PARTICIPANT} entries.`;
  for (const [key, item] of entries) {
    if (typeof item !== 'string') return `${field}.${key.slice(0, 80)} must be a string, not ${item === null ? 'null' : typeof item}.`;
    if (key.length + item.length > MAX_ATTRIBUTE_CHARS) return `${field}.${key.slice(0, 80)} is longer than ${MAX_ATTRIBUTE_CHARS} characters.`;
  }
  return value as Record<string, string>;
}

export function registerLiveConversationRoutes(app: FastifyInstance, guard: ApiGuard, live: LiveConversations): void {
  app.post(CALLBACKS_PATH, { config: routeConfig('create-callback'), preHandler: guard }, async (request, reply) => {
    if (!isJsonContentType(request.headers['content-type'])) {
      return sendErrorBody(reply, errorBody(415, { message: 'Unsupported Media Type - send the CreateCallbackCommand as application/json.' }));
    }
    const verdict = parseCallbackCommand(request.body);
    if (!verdict.ok) return sendErrorBody(reply, verdict.error);
    const { queueId, numbers, userName, scheduledTime } = verdict.value;
    const conversationId = randomUUID();
    const customerParticipantId = randomUUID();
    const acdParticipantId = randomUUID();
    live.add(sessionOf(request), {
      conversationId,
      queueId,
      participants: new Map([
        [customerParticipantId, {}],
        [acdParticipantId, {}],
      ]),
      callback: { numbers, ...(userName !== undefined ? { userName } : {}), ...(scheduledTime !== undefined ? { scheduledTime } : {}) },
    });
    return {
      conversation: { id: conversationId, selfUri: `/api/v2/conversations/${conversationId}` },
      callbackIdentifiers: [
        { type: 'EXTERNAL', id: customerParticipantId },
        { type: 'ACD', id: acdParticipantId },
      ],
    };
  });

  app.patch<{ Params: { conversationId: string; participantId: string } }>(
    PARTICIPANT_ATTRIBUTES_PATH,
    { config: routeConfig('set-participant-data'), preHandler: guard },
    async (request, reply) => {
      if (!isJsonContentType(request.headers['content-type'])) {
        return sendErrorBody(reply, errorBody(415, { message: 'Unsupported Media Type - send the ParticipantAttributes as application/json.' }));
      }
      const { conversationId, participantId } = request.params;
      const conversation = live.get(sessionOf(request), conversationId);
      if (!conversation) return sendErrorBody(reply, errorBody(404, { message: `Conversation ${JSON.stringify(conversationId.slice(0, 80))} was not found.` }));
      const attributes = conversation.participants.get(participantId);
      if (!attributes) {
        return sendErrorBody(reply, errorBody(404, { message: `Participant ${JSON.stringify(participantId.slice(0, 80))} was not found in conversation ${conversationId}.` }));
      }
      const verdict = parseParticipantAttributes(request.body);
      if (!verdict.ok) return sendErrorBody(reply, verdict.error);
      const merged = { ...attributes, ...verdict.value };
      if (Object.keys(merged).length > MAX_ATTRIBUTES_PER_PARTICIPANT) {
        return sendErrorBody(reply, errorBody(400, { code: 'bad.request', message: `A participant may hold at most ${MAX_ATTRIBUTES_PER_PARTICIPANT} attributes.` }));
      }
      conversation.participants.set(participantId, merged);
      return reply.code(202).send();
    },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
