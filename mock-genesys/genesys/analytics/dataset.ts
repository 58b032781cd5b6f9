// The deterministic synthetic conversations the details query answers from. Pure: one UTC
// day's conversations are a function of (seed, day) only, so the same query gives the same
// conversations on any machine. Each conversation is serialized once here, so a query
// only filters, sorts and joins ready-made JSON.
import { AGENTS, CALLBACKS_QUEUE_ID, CUSTOMERS, HOME_DIVISION_ID, ORG_PHONE_NUMBER, QUEUES, type Customer } from '../catalog.js';
import { intBetween, mixSeeds, mulberry32, pick, uuidFrom, type Random } from './prng.js';
import { DIMENSIONS, type Dimension, type DimensionValues } from './types.js';

export const DAY_MS = 86_400_000;
export const MIN_CONVERSATIONS_PER_DAY = 40;
export const MAX_CONVERSATIONS_PER_DAY = 80;

export type MediaType = 'voice' | 'chat' | 'email' | 'callback' | 'message';
export type Direction = 'inbound' | 'outbound';
export type SegmentType = 'interact' | 'alert' | 'hold' | 'wrapup' | 'ivr';
export type Purpose = 'customer' | 'acd' | 'agent';

export interface Segment {
  segmentStart: string;
  segmentEnd: string;
  segmentType: SegmentType;
  queueId?: string;
}

export interface Session {
  sessionId: string;
  mediaType: MediaType;
  direction: Direction;
  ani: string;
  dnis: string;
  segments: Segment[];
}

export interface Participant {
  participantId: string;
  participantName?: string;
  purpose: Purpose;
  userId?: string;
  sessions: Session[];
}

/** The shape Genesys answers in `conversations[]`. */
export interface Conversation {
  conversationId: string;
  conversationStart: string;
  conversationEnd: string;
  originatingDirection: Direction;
  divisionIds: string[];
  participants: Participant[];
}

/** A conversation with what the query evaluator needs precomputed. */
export interface StoredConversation {
  conversation: Conversation;
  /** JSON.stringify(conversation) as UTF-8, made once: pages are a Buffer.concat away. */
  jsonBytes: Buffer;
  conversationId: string;
  conversationStartMs: number;
  conversationEndMs: number;
  /** Earliest segmentStart and latest segmentEnd, for orderBy segmentStart/segmentEnd. */
  segmentStartMs: number;
  segmentEndMs: number;
  /** Values of each dimension anywhere in the conversation (conversationFilters). */
  values: DimensionValues;
  /** One entry per segment: the dimensions as seen from that segment (segmentFilters). */
  segmentValues: DimensionValues[];
}

export function dayIndexOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** All conversations that start on UTC day `dayIndex` (days since the epoch), by start. */
export function generateDay(seed: number, dayIndex: number): StoredConversation[] {
  const random = mulberry32(mixSeeds(seed, dayIndex));
  const count = intBetween(random, MIN_CONVERSATIONS_PER_DAY, MAX_CONVERSATIONS_PER_DAY);
  const dayStartMs = dayIndex * DAY_MS;
  const startOffsetsMs = Array.from({ length: count }, () => Math.floor(random() * DAY_MS)).sort((a, b) => a - b);
  return startOffsetsMs.map((offsetMs) => store(generateConversation(random, dayStartMs + offsetMs)));
}

// --- generation --------------------------------------------------------------------------

const INBOUND_MEDIA: readonly MediaType[] = ['voice', 'voice', 'voice', 'chat', 'chat', 'email', 'message'];
const OUTBOUND_MEDIA: readonly MediaType[] = ['voice', 'voice', 'email', 'message'];

function generateConversation(random: Random, startMs: number): Conversation {
  const conversationId = uuidFrom(random);
  const outbound = random() < 0.2;
  const queue = outbound ? pick(random, QUEUES.filter((q) => q.id !== CALLBACKS_QUEUE_ID)) : pick(random, QUEUES);
  const mediaType: MediaType = queue.id === CALLBACKS_QUEUE_ID ? 'callback' : pick(random, outbound ? OUTBOUND_MEDIA : INBOUND_MEDIA);
  const direction: Direction = outbound ? 'outbound' : 'inbound';
  // A customer of the directory, so the ani is findable as an external contact.
  const customerRecord = pick(random, CUSTOMERS);
  const customerAddress = addressFor(mediaType, customerRecord);
  const orgAddress = mediaType === 'email' ? 'mailto:support@mock-genesys-org.example' : ORG_PHONE_NUMBER;
  const [ani, dnis] = outbound ? [orgAddress, customerAddress] : [customerAddress, orgAddress];
  const session = (segments: Segment[]): Session => ({ sessionId: uuidFrom(random), mediaType, direction, ani, dnis, segments });

  let clockMs = startMs;
  const segment = (segmentType: SegmentType, durationMs: number, queueId?: string): Segment => {
    const seg: Segment = { segmentStart: iso(clockMs), segmentEnd: iso(clockMs + durationMs), segmentType };
    if (queueId) seg.queueId = queueId;
    clockMs += durationMs;
    return seg;
  };

  const agent = pick(random, AGENTS);
  const customer: Participant = { participantId: uuidFrom(random), participantName: `${customerRecord.firstName} ${customerRecord.lastName}`, purpose: 'customer', sessions: [] };
  const participants: Participant[] = [customer];

  if (outbound) {
    // Agent-initiated: the agent dials out on behalf of a queue; no IVR, no ACD wait.
    const agentSegments = [segment('interact', seconds(random, 60, 900), queue.id)];
    if (random() < 0.25) agentSegments.push(segment('hold', seconds(random, 10, 120), queue.id), segment('interact', seconds(random, 30, 300), queue.id));
    const talkEndMs = clockMs;
    agentSegments.push(segment('wrapup', seconds(random, 10, 120), queue.id));
    customer.sessions.push(session([{ segmentStart: iso(startMs), segmentEnd: iso(talkEndMs), segmentType: 'interact', queueId: queue.id }]));
    participants.unshift({ participantId: uuidFrom(random), participantName: agent.name, purpose: 'agent', userId: agent.userId, sessions: [session(agentSegments)] });
    return conversation(conversationId, startMs, clockMs, direction, participants);
  }

  const customerSegments: Segment[] = [];
  if (mediaType === 'voice') customerSegments.push(segment('ivr', seconds(random, 5, 60)));
  const queueEnterMs = clockMs;
  const abandoned = random() < 0.1;
  const waitMs = seconds(random, 5, 300);
  participants.push({
    participantId: uuidFrom(random),
    participantName: queue.name,
    purpose: 'acd',
    sessions: [session([{ segmentStart: iso(queueEnterMs), segmentEnd: iso(queueEnterMs + waitMs), segmentType: 'interact', queueId: queue.id }])],
  });
  clockMs += waitMs;

  if (abandoned) {
    customerSegments.push({ segmentStart: iso(queueEnterMs), segmentEnd: iso(clockMs), segmentType: 'interact', queueId: queue.id });
    customer.sessions.push(session(customerSegments));
    return conversation(conversationId, startMs, clockMs, direction, participants);
  }

  const agentSegments = [segment('alert', seconds(random, 3, 20), queue.id), segment('interact', seconds(random, 60, 900), queue.id)];
  if (random() < 0.25) agentSegments.push(segment('hold', seconds(random, 10, 120), queue.id), segment('interact', seconds(random, 30, 300), queue.id));
  const talkEndMs = clockMs;
  agentSegments.push(segment('wrapup', seconds(random, 10, 120), queue.id));
  customerSegments.push({ segmentStart: iso(queueEnterMs), segmentEnd: iso(talkEndMs), segmentType: 'interact', queueId: queue.id });
  customer.sessions.push(session(customerSegments));
  participants.push({ participantId: uuidFrom(random), participantName: agent.name, purpose: 'agent', userId: agent.userId, sessions: [session(agentSegments)] });
  return conversation(conversationId, startMs, clockMs, direction, participants);
}

function conversation(conversationId: string, startMs: number, endMs: number, originatingDirection: Direction, participants: Participant[]): Conversation {
  return { conversationId, conversationStart: iso(startMs), conversationEnd: iso(endMs), originatingDirection, divisionIds: [HOME_DIVISION_ID], participants };
}

function addressFor(mediaType: MediaType, customer: Customer): string {
  return mediaType === 'email' ? `mailto:${customer.email}` : `tel:${customer.phone}`;
}

function seconds(random: Random, min: number, max: number): number {
  return intBetween(random, min, max) * 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// --- precomputation for the evaluator ----------------------------------------------------

function store(conversation: Conversation): StoredConversation {
  const base = {
    conversationId: [conversation.conversationId],
    divisionId: conversation.divisionIds,
    originatingDirection: [conversation.originatingDirection],
  };
  const segmentValues: DimensionValues[] = [];
  let segmentStartMs = Number.POSITIVE_INFINITY;
  let segmentEndMs = Number.NEGATIVE_INFINITY;
  for (const participant of conversation.participants) {
    for (const session of participant.sessions) {
      for (const segment of session.segments) {
        segmentStartMs = Math.min(segmentStartMs, Date.parse(segment.segmentStart));
        segmentEndMs = Math.max(segmentEndMs, Date.parse(segment.segmentEnd));
        segmentValues.push({
          ...base,
          queueId: segment.queueId ? [segment.queueId] : [],
          mediaType: [session.mediaType],
          direction: [session.direction],
          userId: participant.userId ? [participant.userId] : [],
          purpose: [participant.purpose],
          segmentType: [segment.segmentType],
          ani: [session.ani],
          dnis: [session.dnis],
        });
      }
    }
  }
  return {
    conversation,
    jsonBytes: Buffer.from(JSON.stringify(conversation)),
    conversationId: conversation.conversationId,
    conversationStartMs: Date.parse(conversation.conversationStart),
    conversationEndMs: Date.parse(conversation.conversationEnd),
    segmentStartMs,
    segmentEndMs,
    values: unionOf(segmentValues),
    segmentValues,
  };
}

function unionOf(contexts: DimensionValues[]): DimensionValues {
  const union = {} as Record<Dimension, readonly string[]>;
  for (const dimension of DIMENSIONS) union[dimension] = [...new Set(contexts.flatMap((context) => context[dimension]))];
  return union;
}
