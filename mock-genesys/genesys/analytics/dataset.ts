// The deterministic synthetic conversations the details query answers from. Pure: one UTC
// day's conversations are a function of (seed, day) only, so the same query gives the same
// conversations on any machine. Each conversation is serialized at most once (when a page
// first shows it), so a query only filters, sorts and joins ready-made JSON.
//
// Shapes follow the SDK's AnalyticsConversationWithoutAttributes. Inbound voice goes through
// the IVR (an `ivr` participant whose session has `flow`), then the queue (`acd`), then an
// agent; some callers are contained in the IVR, some abandon in queue, some are transferred to
// a second agent. Outbound calls and callbacks have dialing/contacting segments. Every session
// has `metrics` agreeing with its segments, every session's last segment a `disconnectType`,
// every wrap-up segment a `wrapUpCode`.
import { AGENTS, CALLBACKS_QUEUE_ID, CUSTOMERS, HOME_DIVISION_ID, ORG_PHONE_NUMBER, QUEUES, type Customer } from '../catalog.js';
import { intBetween, mixSeeds, mulberry32, pick, uuidFrom, type Random } from './prng.js';
import type { FilterContext } from './types.js';

export const DAY_MS = 86_400_000;
export const MIN_CONVERSATIONS_PER_DAY = 40;
export const MAX_CONVERSATIONS_PER_DAY = 80;

export type MediaType = 'voice' | 'chat' | 'email' | 'callback' | 'message';
export type Direction = 'inbound' | 'outbound';
export type SegmentType = 'interact' | 'alert' | 'hold' | 'wrapup' | 'ivr' | 'dialing' | 'contacting';
export type Purpose = 'customer' | 'ivr' | 'acd' | 'agent';

export interface Segment {
  segmentStart: string;
  segmentEnd: string;
  segmentType: SegmentType;
  queueId?: string;
  disconnectType?: string;
  wrapUpCode?: string;
  conference?: boolean;
  requestedRoutingSkillIds?: string[];
  subject?: string;
}

export interface SessionMetric {
  name: string;
  value: number;
  emitDate: string;
}

export interface Flow {
  flowId: string;
  flowName: string;
  flowType: string;
  flowVersion: string;
  entryType: string;
  entryReason: string;
  exitReason: string;
  transferType?: string;
  transferTargetName?: string;
  transferTargetAddress?: string;
  startingLanguage: string;
  endingLanguage: string;
  issuedCallback: boolean;
}

export interface Session {
  sessionId: string;
  mediaType: MediaType;
  direction: Direction;
  ani: string;
  dnis: string;
  provider: string;
  addressFrom?: string;
  addressTo?: string;
  messageType?: string;
  callbackNumbers?: string[];
  callbackUserName?: string;
  requestedRoutings?: string[];
  usedRouting?: string;
  selectedAgentId?: string;
  flow?: Flow;
  metrics: SessionMetric[];
  segments: Segment[];
}

export interface Participant {
  participantId: string;
  participantName?: string;
  purpose: Purpose;
  userId?: string;
  externalContactId?: string;
  sessions: Session[];
}

/** The shape Genesys answers in `conversations[]`. */
export interface Conversation {
  conversationId: string;
  conversationStart: string;
  conversationEnd: string;
  conversationInitiator: 'customer' | 'agent';
  customerParticipation: boolean;
  originatingDirection: Direction;
  divisionIds: string[];
  mediaStatsMinConversationMos?: number;
  mediaStatsMinConversationRFactor?: number;
  participants: Participant[];
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
  return startOffsetsMs.map((offsetMs) => new StoredConversation(generateConversation(random, dayStartMs + offsetMs)));
}

// --- generation --------------------------------------------------------------------------

const INBOUND_MEDIA: readonly MediaType[] = ['voice', 'voice', 'voice', 'chat', 'chat', 'email', 'message'];
const OUTBOUND_MEDIA: readonly MediaType[] = ['voice', 'voice', 'email', 'message'];
const PROVIDERS: Record<MediaType, string> = {
  voice: 'Edge',
  callback: 'PureCloud Callback',
  chat: 'PureCloud Webchat v2',
  email: 'PureCloud Email',
  message: 'PureCloud Messaging',
};
const MESSAGE_TYPES = ['sms', 'webmessaging', 'whatsapp'] as const;
const WRAP_UP_CODES = [
  { id: 'b1a7e0c4-2d3e-4f5a-8b6c-7d8e9f0a1b01', name: 'Resolved' },
  { id: 'b1a7e0c4-2d3e-4f5a-8b6c-7d8e9f0a1b02', name: 'Follow-up needed' },
  { id: 'b1a7e0c4-2d3e-4f5a-8b6c-7d8e9f0a1b03', name: 'Sale' },
  { id: 'b1a7e0c4-2d3e-4f5a-8b6c-7d8e9f0a1b04', name: 'Billing question' },
] as const;
/** Wrap-up code ids (what `wrapUpCode` holds). */
export const WRAP_UP_CODE_IDS = WRAP_UP_CODES.map((code) => code.id);
/** The main inbound call flow every inbound voice call enters. */
export const MAIN_IVR_FLOW = { flowId: 'f10e0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a50', flowName: 'Main IVR', flowType: 'INBOUNDCALL', flowVersion: '12.0' } as const;
const SKILL_IDS = ['5c1d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e01', '5c1d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e02'] as const;
const ORG_EMAIL = 'support@mock-genesys-org.example';

/** Probabilities of the paths a conversation takes. */
const OUTBOUND_SHARE = 0.2;
const IVR_CONTAINED_SHARE = 0.15;
const ABANDON_SHARE = 0.1;
const TRANSFER_SHARE = 0.1;
const HOLD_SHARE = 0.25;

interface Builder {
  random: Random;
  clockMs: number;
  session: (fields: Omit<Session, 'sessionId' | 'metrics' | 'segments'>, segments: Segment[]) => Session;
}

function generateConversation(random: Random, startMs: number): Conversation {
  const conversationId = uuidFrom(random);
  const outbound = random() < OUTBOUND_SHARE;
  const queue = outbound ? pick(random, QUEUES.filter((q) => q.id !== CALLBACKS_QUEUE_ID)) : pick(random, QUEUES);
  const mediaType: MediaType = queue.id === CALLBACKS_QUEUE_ID ? 'callback' : pick(random, outbound ? OUTBOUND_MEDIA : INBOUND_MEDIA);
  const direction: Direction = outbound ? 'outbound' : 'inbound';
  // A customer of the directory, so the ani is findable as an external contact.
  const customerRecord = pick(random, CUSTOMERS);
  const customerAddress = mediaType === 'email' ? `mailto:${customerRecord.email}` : `tel:${customerRecord.phone}`;
  const orgAddress = mediaType === 'email' ? `mailto:${ORG_EMAIL}` : ORG_PHONE_NUMBER;
  const [ani, dnis] = outbound ? [orgAddress, customerAddress] : [customerAddress, orgAddress];
  const mediaFields = mediaFieldsFor(random, mediaType, customerRecord, outbound);
  const base = { mediaType, direction, ani, dnis, provider: PROVIDERS[mediaType], ...mediaFields };

  const b: Builder = {
    random,
    clockMs: startMs,
    session: (fields, segments) => ({ sessionId: uuidFrom(random), ...fields, metrics: [], segments }),
  };
  const customer: Participant = {
    participantId: uuidFrom(random),
    participantName: `${customerRecord.firstName} ${customerRecord.lastName}`,
    purpose: 'customer',
    externalContactId: customerRecord.id,
    sessions: [],
  };
  const participants: Participant[] = [customer];
  const agent = pick(random, AGENTS);
  const subject = mediaType === 'email' ? pick(random, ['Question about my bill', 'Order status', 'Cannot log in', 'Change of address']) : undefined;

  if (outbound) {
    // Agent-initiated: the agent dials on behalf of a queue; no IVR, no ACD wait.
    const agentSegments: Segment[] = [];
    if (mediaType === 'voice') agentSegments.push(segment(b, 'dialing', seconds(random, 2, 6), queue.id), segment(b, 'contacting', seconds(random, 5, 25), queue.id));
    const connectedMs = b.clockMs;
    const talk = talkSegments(b, queue.id, subject);
    agentSegments.push(...talk.segments);
    const talkEndMs = b.clockMs;
    agentSegments.push(wrapup(b, queue.id));
    const agentSession = b.session({ ...base }, agentSegments);
    markLast(agentSegments, 'endpoint');
    const customerSession = b.session({ ...base }, [{ segmentStart: iso(connectedMs), segmentEnd: iso(talkEndMs), segmentType: 'interact', queueId: queue.id, disconnectType: 'peer' }]);
    customerSession.metrics.push(metric('tConnected', talkEndMs - connectedMs, talkEndMs));
    agentSession.metrics.push(...agentMetrics(agentSegments), metric('nOutbound', 1, connectedMs));
    if (mediaType === 'voice') {
      agentSession.metrics.push(metric('tDialing', durationOf(agentSegments, 'dialing'), connectedMs), metric('tContacting', durationOf(agentSegments, 'contacting'), connectedMs));
    }
    customer.sessions.push(customerSession);
    participants.unshift({ participantId: uuidFrom(random), participantName: agent.name, purpose: 'agent', userId: agent.userId, sessions: [agentSession] });
    return conversation(conversationId, startMs, b.clockMs, direction, 'agent', participants, mediaType, random);
  }

  // Inbound: voice through the IVR first.
  const customerSegments: Segment[] = [];
  const ivrContained = mediaType === 'voice' && random() < IVR_CONTAINED_SHARE;
  if (mediaType === 'voice') {
    const ivrSegment = segment(b, 'ivr', seconds(random, 5, 90));
    customerSegments.push({ ...ivrSegment });
    const flow: Flow = {
      ...MAIN_IVR_FLOW,
      entryType: 'dnis',
      entryReason: ORG_PHONE_NUMBER,
      exitReason: ivrContained ? 'DISCONNECT' : 'TRANSFER',
      ...(ivrContained ? {} : { transferType: 'ACD', transferTargetName: queue.name, transferTargetAddress: queue.id }),
      startingLanguage: 'en-us',
      endingLanguage: 'en-us',
      issuedCallback: false,
    };
    const ivrSession = b.session({ ...base, flow }, [{ ...ivrSegment, disconnectType: ivrContained ? 'peer' : 'transfer' }]);
    const ivrMs = Date.parse(ivrSegment.segmentEnd) - Date.parse(ivrSegment.segmentStart);
    ivrSession.metrics.push(metric('nFlow', 1, ivrSegment.segmentStart), metric('tFlow', ivrMs, ivrSegment.segmentEnd), metric('tIvr', ivrMs, ivrSegment.segmentEnd));
    ivrSession.metrics.push(metric(ivrContained ? 'tFlowDisconnect' : 'tFlowOut', ivrMs, ivrSegment.segmentEnd));
    participants.push({ participantId: uuidFrom(random), participantName: MAIN_IVR_FLOW.flowName, purpose: 'ivr', sessions: [ivrSession] });
    if (ivrContained) {
      markLast(customerSegments, 'endpoint');
      const customerSession = b.session({ ...base }, customerSegments);
      customerSession.metrics.push(metric('tConnected', b.clockMs - startMs, b.clockMs));
      customer.sessions.push(customerSession);
      return conversation(conversationId, startMs, b.clockMs, direction, 'customer', participants, mediaType, random);
    }
  }

  const queueEnterMs = b.clockMs;
  const abandoned = random() < ABANDON_SHARE;
  const waitMs = seconds(random, 5, 300);
  const skills = random() < 0.3 ? [pick(random, SKILL_IDS)] : undefined;
  const acdSegment: Segment = { segmentStart: iso(queueEnterMs), segmentEnd: iso(queueEnterMs + waitMs), segmentType: 'interact', queueId: queue.id, ...(skills ? { requestedRoutingSkillIds: skills } : {}) };
  b.clockMs += waitMs;
  const acdSession = b.session({ ...base, requestedRoutings: ['Standard'], ...(abandoned ? {} : { usedRouting: 'Standard', selectedAgentId: agent.userId }) }, [acdSegment]);
  const acd: Participant = { participantId: uuidFrom(random), participantName: queue.name, purpose: 'acd', sessions: [acdSession] };
  participants.push(acd);
  acdSession.metrics.push(metric('nOffered', 1, acdSegment.segmentStart), metric('tAcd', waitMs, acdSegment.segmentEnd));

  if (abandoned) {
    acdSegment.disconnectType = 'peer';
    acdSession.metrics.push(metric('tAbandon', waitMs, acdSegment.segmentEnd));
    if (waitMs < 10_000) acdSession.metrics.push(metric('tShortAbandon', waitMs, acdSegment.segmentEnd));
    customerSegments.push({ segmentStart: iso(queueEnterMs), segmentEnd: iso(b.clockMs), segmentType: 'interact', queueId: queue.id, disconnectType: 'endpoint' });
    const customerSession = b.session({ ...base }, customerSegments);
    customerSession.metrics.push(metric('tConnected', b.clockMs - startMs, b.clockMs));
    customer.sessions.push(customerSession);
    return conversation(conversationId, startMs, b.clockMs, direction, 'customer', participants, mediaType, random);
  }

  acdSegment.disconnectType = 'transfer';
  const alertMs = seconds(random, 3, 20);
  acdSession.metrics.push(metric('tAnswered', waitMs + alertMs, iso(queueEnterMs + waitMs + alertMs)));
  const firstAgent = answeringAgent(b, base, agent, queue.id, subject, mediaType === 'callback', alertMs);
  participants.push(firstAgent.participant);
  let talkEndMs = b.clockMs;
  if (random() < TRANSFER_SHARE && mediaType !== 'callback') {
    // Blind transfer to a second agent of the same queue: the first agent's talk ends in `transfer`.
    const second = pick(random, AGENTS.filter((candidate) => candidate.userId !== agent.userId));
    const firstSegments = firstAgent.session.segments;
    const lastTalk = firstSegments[firstSegments.length - 1] as Segment;
    lastTalk.disconnectType = 'transfer';
    firstAgent.session.metrics.push(metric('nTransferred', 1, lastTalk.segmentEnd), metric('nBlindTransferred', 1, lastTalk.segmentEnd));
    const wrapMs = seconds(random, 10, 60);
    const firstWrap: Segment = { segmentStart: lastTalk.segmentEnd, segmentEnd: iso(Date.parse(lastTalk.segmentEnd) + wrapMs), segmentType: 'wrapup', queueId: queue.id, wrapUpCode: pick(random, WRAP_UP_CODE_IDS), disconnectType: 'transfer' };
    firstSegments.push(firstWrap);
    firstAgent.session.metrics.push(...agentMetrics(firstSegments));
    const secondAgent = answeringAgent(b, base, second, queue.id, subject, false, seconds(random, 3, 15));
    participants.push(secondAgent.participant);
    talkEndMs = b.clockMs;
    finishAgent(b, secondAgent.session, queue.id);
  } else {
    finishAgent(b, firstAgent.session, queue.id);
  }
  customerSegments.push({ segmentStart: iso(queueEnterMs), segmentEnd: iso(talkEndMs), segmentType: 'interact', queueId: queue.id, disconnectType: 'endpoint', ...(subject ? { subject } : {}) });
  const customerSession = b.session({ ...base }, customerSegments);
  customerSession.metrics.push(metric('tConnected', talkEndMs - startMs, iso(talkEndMs)));
  customer.sessions.push(customerSession);
  return conversation(conversationId, startMs, b.clockMs, direction, 'customer', participants, mediaType, random);
}

/** An agent alerted and connected (callbacks: dialing and contacting the customer first). */
function answeringAgent(
  b: Builder,
  base: Omit<Session, 'sessionId' | 'metrics' | 'segments'>,
  agent: (typeof AGENTS)[number],
  queueId: string,
  subject: string | undefined,
  callback: boolean,
  alertMs: number,
): { participant: Participant; session: Session } {
  const segments: Segment[] = [segment(b, 'alert', alertMs, queueId)];
  if (callback) segments.push(segment(b, 'dialing', seconds(b.random, 2, 6), queueId), segment(b, 'contacting', seconds(b.random, 5, 25), queueId));
  segments.push(...talkSegments(b, queueId, subject).segments);
  const session = b.session({ ...base }, segments);
  session.metrics.push(metric('tAlert', alertMs, segments[0]!.segmentEnd), metric('nConnected', 1, segments[0]!.segmentEnd));
  if (callback) session.metrics.push(metric('tDialing', durationOf(segments, 'dialing'), segments[2]!.segmentEnd), metric('tContacting', durationOf(segments, 'contacting'), segments[2]!.segmentEnd));
  return { participant: { participantId: uuidFrom(b.random), participantName: agent.name, purpose: 'agent', userId: agent.userId, sessions: [session] }, session };
}

/** The agent's wrap-up, and the talk/hold/wrap-up/handle metrics of the whole session. */
function finishAgent(b: Builder, session: Session, queueId: string): void {
  const lastTalk = session.segments[session.segments.length - 1] as Segment;
  lastTalk.disconnectType = 'peer';
  const wrap = wrapup(b, queueId);
  wrap.disconnectType = 'endpoint';
  session.segments.push(wrap);
  session.metrics.push(...agentMetrics(session.segments));
}

function talkSegments(b: Builder, queueId: string, subject: string | undefined): { segments: Segment[] } {
  const withSubject = (seg: Segment): Segment => (subject ? { ...seg, subject } : seg);
  const segments = [withSubject({ ...segment(b, 'interact', seconds(b.random, 60, 900), queueId), conference: false })];
  if (b.random() < HOLD_SHARE) segments.push(segment(b, 'hold', seconds(b.random, 10, 120), queueId), withSubject({ ...segment(b, 'interact', seconds(b.random, 30, 300), queueId), conference: false }));
  return { segments };
}

function wrapup(b: Builder, queueId: string): Segment {
  return { ...segment(b, 'wrapup', seconds(b.random, 10, 120), queueId), wrapUpCode: pick(b.random, WRAP_UP_CODE_IDS) };
}

/** tTalk, tHeld (with their Complete forms), tAcw and tHandle, as the session's segments say. */
function agentMetrics(segments: readonly Segment[]): SessionMetric[] {
  const last = segments[segments.length - 1] as Segment;
  const talkMs = durationOf(segments, 'interact');
  const heldMs = durationOf(segments, 'hold');
  const acwMs = durationOf(segments, 'wrapup');
  const talkEnd = [...segments].reverse().find((seg) => seg.segmentType === 'interact')?.segmentEnd ?? last.segmentEnd;
  const metrics = [metric('tTalk', talkMs, talkEnd), metric('tTalkComplete', talkMs, talkEnd)];
  if (heldMs > 0) metrics.push(metric('tHeld', heldMs, talkEnd), metric('tHeldComplete', heldMs, talkEnd));
  if (acwMs > 0) metrics.push(metric('tAcw', acwMs, last.segmentEnd));
  metrics.push(metric('tHandle', talkMs + heldMs + acwMs, last.segmentEnd));
  return metrics;
}

function durationOf(segments: readonly Segment[], type: SegmentType): number {
  let total = 0;
  for (const seg of segments) if (seg.segmentType === type) total += Date.parse(seg.segmentEnd) - Date.parse(seg.segmentStart);
  return total;
}

function markLast(segments: Segment[], disconnectType: string): void {
  const last = segments[segments.length - 1];
  if (last) last.disconnectType = disconnectType;
}

function segment(b: Builder, segmentType: SegmentType, durationMs: number, queueId?: string): Segment {
  const seg: Segment = { segmentStart: iso(b.clockMs), segmentEnd: iso(b.clockMs + durationMs), segmentType };
  if (queueId) seg.queueId = queueId;
  b.clockMs += durationMs;
  return seg;
}

function metric(name: string, value: number, emitDate: string | number): SessionMetric {
  return { name, value, emitDate: typeof emitDate === 'number' ? iso(emitDate) : emitDate };
}

function mediaFieldsFor(random: Random, mediaType: MediaType, customer: Customer, outbound: boolean): Partial<Session> {
  const own = mediaType === 'email' ? ORG_EMAIL : ORG_PHONE_NUMBER.slice(4);
  const theirs = mediaType === 'email' ? customer.email : customer.phone;
  const [addressFrom, addressTo] = outbound ? [own, theirs] : [theirs, own];
  switch (mediaType) {
    case 'email':
      return { addressFrom, addressTo };
    case 'message':
      return { addressFrom, addressTo, messageType: pick(random, MESSAGE_TYPES) };
    case 'chat':
      return { addressFrom: `${customer.firstName} ${customer.lastName}`, addressTo: 'Web chat' };
    case 'callback':
      return { callbackNumbers: [customer.phone], callbackUserName: `${customer.firstName} ${customer.lastName}` };
    default:
      return {};
  }
}

function conversation(
  conversationId: string,
  startMs: number,
  endMs: number,
  originatingDirection: Direction,
  conversationInitiator: 'customer' | 'agent',
  participants: Participant[],
  mediaType: MediaType,
  random: Random,
): Conversation {
  const result: Conversation = {
    conversationId,
    conversationStart: iso(startMs),
    conversationEnd: iso(endMs),
    conversationInitiator,
    customerParticipation: true,
    originatingDirection,
    divisionIds: [HOME_DIVISION_ID],
    participants,
  };
  if (mediaType === 'voice' || mediaType === 'callback') {
    result.mediaStatsMinConversationMos = Math.round((3.9 + random() * 0.6) * 1000) / 1000;
    result.mediaStatsMinConversationRFactor = Math.round((78 + random() * 15) * 100) / 100;
  }
  return result;
}

function seconds(random: Random, min: number, max: number): number {
  return intBetween(random, min, max) * 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// --- precomputation for the evaluator ----------------------------------------------------

/**
 * A conversation with what the query evaluator needs. Only what every query uses (id, start,
 * end) is computed up front; the JSON and the filter contexts are made on first use and kept,
 * so a day's generation stays cheap and an unfiltered query never builds contexts.
 * The conversation is never changed after generation, which is what makes keeping them right.
 */
export class StoredConversation {
  readonly conversation: Conversation;
  readonly conversationId: string;
  readonly conversationStartMs: number;
  readonly conversationEndMs: number;
  #jsonBytes: Buffer | undefined;
  #filtering: Filtering | undefined;

  constructor(conversation: Conversation) {
    this.conversation = conversation;
    this.conversationId = conversation.conversationId;
    this.conversationStartMs = Date.parse(conversation.conversationStart);
    this.conversationEndMs = Date.parse(conversation.conversationEnd);
  }

  /** JSON.stringify(conversation) as UTF-8: pages are a Buffer.concat away. */
  get jsonBytes(): Buffer {
    return (this.#jsonBytes ??= Buffer.from(JSON.stringify(this.conversation)));
  }

  /** Conversation dimensions and metrics (conversationFilters). */
  get context(): FilterContext {
    return this.#filters().context;
  }

  /** One entry per segment: the dimensions as seen from that segment (segmentFilters). */
  get segmentContexts(): readonly FilterContext[] {
    return this.#filters().segmentContexts;
  }

  /** Earliest segmentStart, for orderBy segmentStart. */
  get segmentStartMs(): number {
    return this.#filters().segmentStartMs;
  }

  /** Latest segmentEnd, for orderBy segmentEnd. */
  get segmentEndMs(): number {
    return this.#filters().segmentEndMs;
  }

  #filters(): Filtering {
    return (this.#filtering ??= filteringOf(this.conversation));
  }
}

interface Filtering {
  context: FilterContext;
  segmentContexts: FilterContext[];
  segmentStartMs: number;
  segmentEndMs: number;
}

function filteringOf(conversation: Conversation): Filtering {
  const conversationDimensions: Record<string, string[]> = {
    conversationId: [conversation.conversationId],
    conversationStart: [conversation.conversationStart],
    conversationEnd: [conversation.conversationEnd],
    conversationInitiator: [conversation.conversationInitiator],
    customerParticipation: [String(conversation.customerParticipation)],
    divisionId: conversation.divisionIds,
    originatingDirection: [conversation.originatingDirection],
  };
  if (conversation.mediaStatsMinConversationMos !== undefined) conversationDimensions.mediaStatsMinConversationMos = [String(conversation.mediaStatsMinConversationMos)];
  const conversationMetrics: Record<string, number> = {};
  const segmentContexts: FilterContext[] = [];
  let segmentStartMs = Number.POSITIVE_INFINITY;
  let segmentEndMs = Number.NEGATIVE_INFINITY;
  for (const participant of conversation.participants) {
    for (const session of participant.sessions) {
      for (const sessionMetric of session.metrics) conversationMetrics[sessionMetric.name] = (conversationMetrics[sessionMetric.name] ?? 0) + sessionMetric.value;
      const sessionDimensions = sessionDimensionsOf(participant, session);
      for (const seg of session.segments) {
        const startMs = Date.parse(seg.segmentStart);
        const endMs = Date.parse(seg.segmentEnd);
        segmentStartMs = Math.min(segmentStartMs, startMs);
        segmentEndMs = Math.max(segmentEndMs, endMs);
        // The session's dimensions are shared through the prototype, not copied per segment.
        const dimensions: Record<string, readonly string[]> = Object.create(sessionDimensions) as Record<string, readonly string[]>;
        dimensions.segmentType = [seg.segmentType];
        dimensions.segmentEnd = [seg.segmentEnd];
        if (seg.queueId) dimensions.queueId = [seg.queueId];
        if (seg.disconnectType) dimensions.disconnectType = [seg.disconnectType];
        if (seg.wrapUpCode) dimensions.wrapUpCode = [seg.wrapUpCode];
        if (seg.conference !== undefined) dimensions.conference = [String(seg.conference)];
        if (seg.requestedRoutingSkillIds) dimensions.requestedRoutingSkillId = seg.requestedRoutingSkillIds;
        if (seg.subject) dimensions.subject = [seg.subject];
        segmentContexts.push({ dimensions, metrics: { tSegmentDuration: endMs - startMs }, properties: {} });
      }
    }
  }
  return {
    context: { dimensions: conversationDimensions, metrics: conversationMetrics, properties: {} },
    segmentContexts,
    segmentStartMs,
    segmentEndMs,
  };
}

/** The segment dimensions a participant's session gives each of its segments. */
function sessionDimensionsOf(participant: Participant, session: Session): Record<string, readonly string[]> {
  const dimensions: Record<string, readonly string[]> = {
    participantId: [participant.participantId],
    purpose: [participant.purpose],
    sessionId: [session.sessionId],
    mediaType: [session.mediaType],
    direction: [session.direction],
    ani: [session.ani],
    dnis: [session.dnis],
    provider: [session.provider],
  };
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) dimensions[name] = [value];
  };
  add('participantName', participant.participantName);
  add('userId', participant.userId);
  add('externalContactId', participant.externalContactId);
  add('addressFrom', session.addressFrom);
  add('addressTo', session.addressTo);
  add('messageType', session.messageType);
  add('callbackUserName', session.callbackUserName);
  if (session.callbackNumbers) dimensions.callbackNumber = session.callbackNumbers;
  if (session.flow) {
    const { flow } = session;
    for (const name of ['flowId', 'flowName', 'flowType', 'flowVersion', 'entryType', 'entryReason', 'exitReason', 'transferType', 'transferTargetName', 'transferTargetAddress', 'startingLanguage', 'endingLanguage'] as const) {
      add(name, flow[name]);
    }
    add('issuedCallback', String(flow.issuedCallback));
  }
  return dimensions;
}
