// The data set checked against the official SDK's model types (node_modules/…/index.d.ts) as
// the oracle: every key emitted exists in its SDK type with the SDK's value type; values of
// enumerated fields are Genesys' own; essential fields are present at the expected rates;
// session metrics agree with the segments; every query dimension is accepted in its own filter
// kind, refused in the other, and applied to every field the data set carries.
import { describe, expect, it } from 'vitest';
import { AGENTS, CUSTOMERS } from '../../mock-genesys/genesys/catalog.js';
import { generateDay, type Conversation, type Segment, type Session, type StoredConversation } from '../../mock-genesys/genesys/analytics/dataset.js';
import { CONVERSATION_DIMENSIONS, CONVERSATION_METRICS, SEGMENT_DIMENSIONS } from '../../mock-genesys/genesys/analytics/dimensions.js';
import { selectConversations } from '../../mock-genesys/genesys/analytics/query.js';
import { validateConversationQuery } from '../../mock-genesys/genesys/analytics/validate.js';
import { sdkInterface } from './sdk-types.js';

const conversations: StoredConversation[] = [20_000, 20_001, 20_002, 20_003, 20_004].flatMap((day) => generateDay(1, day));
const all = conversations.map((stored) => stored.conversation);
const participants = all.flatMap((c) => c.participants);
const sessions = participants.flatMap((p) => p.sessions);
const segments = sessions.flatMap((s) => s.segments);

/** Checks every key of `value` against the SDK interface, recursing into known nested models. */
function checkAgainstSdk(value: Record<string, unknown>, model: string, path: string, problems: string[]): void {
  const fields = sdkInterface(model);
  for (const [key, item] of Object.entries(value)) {
    const declared = fields.get(key);
    if (declared === undefined) {
      problems.push(`${path}.${key} is not in ${model}`);
      continue;
    }
    const nested = /^Models\.(\w+)$/.exec(declared)?.[1];
    const nestedList = /^Array<Models\.(\w+)>$/.exec(declared)?.[1];
    if (nested) checkAgainstSdk(item as Record<string, unknown>, nested, `${path}.${key}`, problems);
    else if (nestedList) (item as Array<Record<string, unknown>>).forEach((entry, index) => checkAgainstSdk(entry, nestedList, `${path}.${key}[${index}]`, problems));
    else if (declared === 'Array<string>') {
      if (!Array.isArray(item) || item.some((entry) => typeof entry !== 'string')) problems.push(`${path}.${key} should be ${declared}`);
    } else if (typeof item !== declared) problems.push(`${path}.${key} is ${typeof item}, the SDK says ${declared}`);
  }
}

// Genesys' enumerated values (the API definition's enums; the JS SDK types them as string).
const ALLOWED = {
  purpose: ['acd', 'agent', 'api', 'botflow', 'campaign', 'customer', 'dialer', 'external', 'fax', 'group', 'inbound', 'ivr', 'manual', 'outbound', 'station', 'user', 'voicemail', 'workflow'],
  mediaType: ['callback', 'chat', 'cobrowse', 'email', 'internalmessage', 'message', 'screenshare', 'unknown', 'video', 'voice'],
  direction: ['inbound', 'outbound'],
  segmentType: ['alert', 'barging', 'callback', 'clientBusy', 'coBrowse', 'coaching', 'contacting', 'converting', 'delay', 'dialing', 'hold', 'interact', 'ivr', 'parked', 'scheduled', 'sharing', 'system', 'transmitting', 'unknown', 'uploading', 'voicemail', 'wrapup'],
  disconnectType: ['client', 'conference.transfer', 'consult.transfer', 'endpoint', 'error', 'forward.transfer', 'noAnswerTransfer', 'notAvailableTransfer', 'other', 'peer', 'spam', 'system', 'timeout', 'transfer', 'transportFailure', 'uncallable'],
  messageType: ['apple', 'facebook', 'instagram', 'line', 'open', 'sms', 'twitter', 'unknown', 'webmessaging', 'whatsapp'],
  flowType: ['BOT', 'COMMONMODULE', 'DIGITALBOT', 'INBOUNDCALL', 'INBOUNDCHAT', 'INBOUNDEMAIL', 'INBOUNDSHORTMESSAGE', 'INQUEUECALL', 'INQUEUEEMAIL', 'INQUEUESHORTMESSAGE', 'IVR', 'OUTBOUNDCALL', 'SECURECALL', 'SPEECH', 'SURVEYINVITE', 'VOICE', 'VOICEMAIL', 'VOICESURVEY', 'WORKFLOW', 'WORKITEM'],
  conversationInitiator: ['acd', 'agent', 'api', 'botflow', 'campaign', 'customer', 'dialer', 'external', 'fax', 'group', 'inbound', 'ivr', 'manual', 'outbound', 'station', 'user', 'voicemail', 'workflow'],
  originatingDirection: ['inbound', 'outbound'],
};

const durationMs = (segment: Segment): number => Date.parse(segment.segmentEnd) - Date.parse(segment.segmentStart);
const sumOf = (session: Session, type: string): number => session.segments.filter((s) => s.segmentType === type).reduce((sum, s) => sum + durationMs(s), 0);
const metricOf = (session: Session, name: string): number | undefined => session.metrics.find((m) => m.name === name)?.value;

describe('the data set against the SDK model types', () => {
  it('emits only keys the SDK types have, with the value types they declare', () => {
    const problems: string[] = [];
    for (const conversation of all) checkAgainstSdk(conversation as unknown as Record<string, unknown>, 'AnalyticsConversationWithoutAttributes', 'conversation', problems);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('uses only values Genesys enumerates', () => {
    for (const conversation of all) {
      expect(ALLOWED.originatingDirection).toContain(conversation.originatingDirection);
      expect(ALLOWED.conversationInitiator).toContain(conversation.conversationInitiator);
    }
    for (const participant of participants) expect(ALLOWED.purpose).toContain(participant.purpose);
    for (const session of sessions) {
      expect(ALLOWED.mediaType).toContain(session.mediaType);
      expect(ALLOWED.direction).toContain(session.direction);
      if (session.messageType) expect(ALLOWED.messageType).toContain(session.messageType);
      if (session.flow) expect(ALLOWED.flowType).toContain(session.flow.flowType);
      for (const metric of session.metrics) expect(CONVERSATION_METRICS as readonly string[]).toContain(metric.name);
    }
    for (const segment of segments) {
      expect(ALLOWED.segmentType).toContain(segment.segmentType);
      if (segment.disconnectType) expect(ALLOWED.disconnectType).toContain(segment.disconnectType);
    }
  });

  it('carries the essential fields: metrics, last disconnectType, wrapUpCode, IVR flow, divisionIds', () => {
    for (const session of sessions) {
      expect(session.metrics.length).toBeGreaterThan(0);
      expect(session.segments.at(-1)!.disconnectType).toBeTypeOf('string');
      expect(session.provider).toBeTypeOf('string');
      for (const metric of session.metrics) expect(Number.isNaN(Date.parse(metric.emitDate))).toBe(false);
    }
    for (const segment of segments) if (segment.segmentType === 'wrapup') expect(segment.wrapUpCode).toMatch(/^[0-9a-f-]{36}$/);
    for (const conversation of all) expect(conversation.divisionIds.length).toBe(1);
    const inboundVoice = all.filter((c) => c.originatingDirection === 'inbound' && c.participants[0]!.sessions[0]!.mediaType === 'voice');
    expect(inboundVoice.length).toBeGreaterThan(20);
    for (const conversation of inboundVoice) {
      const ivr = conversation.participants.find((p) => p.purpose === 'ivr');
      expect(ivr?.sessions[0]?.flow).toMatchObject({ flowType: 'INBOUNDCALL', exitReason: expect.any(String) });
      expect(conversation.mediaStatsMinConversationMos).toBeGreaterThan(3);
    }
  });

  it('has each path at a plausible rate: contained in the IVR, abandoned, transferred, outbound, callbacks, every media', () => {
    const rate = (predicate: (c: Conversation) => boolean, among: Conversation[] = all): number => among.filter(predicate).length / among.length;
    const inboundVoice = all.filter((c) => c.originatingDirection === 'inbound' && c.participants[0]!.sessions[0]!.mediaType === 'voice');
    const contained = rate((c) => !c.participants.some((p) => p.purpose === 'acd'), inboundVoice);
    expect(contained).toBeGreaterThan(0.05);
    expect(contained).toBeLessThan(0.3);
    const queued = all.filter((c) => c.participants.some((p) => p.purpose === 'acd'));
    const abandoned = rate((c) => c.participants.some((p) => p.purpose === 'acd' && metricOf(p.sessions[0]!, 'tAbandon') !== undefined), queued);
    expect(abandoned).toBeGreaterThan(0.03);
    expect(abandoned).toBeLessThan(0.2);
    expect(rate((c) => c.participants.filter((p) => p.purpose === 'agent').length === 2)).toBeGreaterThan(0.02);
    expect(rate((c) => c.originatingDirection === 'outbound')).toBeGreaterThan(0.1);
    expect(new Set(sessions.map((s) => s.mediaType))).toEqual(new Set(['voice', 'chat', 'email', 'callback', 'message']));
    for (const session of sessions) {
      if (session.mediaType === 'email') expect([session.addressFrom, session.addressTo].every((a) => typeof a === 'string')).toBe(true);
      if (session.mediaType === 'message') expect(session.messageType).toBeTypeOf('string');
      if (session.mediaType === 'callback') expect(session.callbackNumbers?.length).toBe(1);
    }
    expect(segments.some((s) => s.segmentType === 'dialing')).toBe(true);
    expect(segments.some((s) => s.segmentType === 'contacting')).toBe(true);
  });

  it('has the same customers and agents as the other routes', () => {
    const phones = new Set(CUSTOMERS.map((c) => `tel:${c.phone}`));
    const emails = new Set(CUSTOMERS.map((c) => `mailto:${c.email}`));
    const agentNames = new Map<string, string>(AGENTS.map((a) => [a.userId, a.name]));
    for (const conversation of all) {
      const customer = conversation.participants.find((p) => p.purpose === 'customer')!;
      const address = conversation.originatingDirection === 'inbound' ? customer.sessions[0]!.ani : customer.sessions[0]!.dnis;
      expect(phones.has(address) || emails.has(address)).toBe(true);
      for (const agent of conversation.participants.filter((p) => p.purpose === 'agent')) expect(agent.participantName).toBe(agentNames.get(agent.userId!));
    }
  });
});

describe('session metrics agree with the segments', () => {
  it('agent: tTalk, tHeld, tAcw, tHandle, tAlert; acd: tAcd, tAbandon, tAnswered; ivr: tIvr', () => {
    for (const participant of participants) {
      for (const session of participant.sessions) {
        if (participant.purpose === 'agent') {
          expect(metricOf(session, 'tTalk')).toBe(sumOf(session, 'interact'));
          expect(metricOf(session, 'tHeld') ?? 0).toBe(sumOf(session, 'hold'));
          expect(metricOf(session, 'tAcw')).toBe(sumOf(session, 'wrapup'));
          expect(metricOf(session, 'tHandle')).toBe(sumOf(session, 'interact') + sumOf(session, 'hold') + sumOf(session, 'wrapup'));
          if (session.direction === 'inbound') expect(metricOf(session, 'tAlert')).toBe(sumOf(session, 'alert'));
        }
        if (participant.purpose === 'acd') {
          expect(metricOf(session, 'nOffered')).toBe(1);
          expect(metricOf(session, 'tAcd')).toBe(sumOf(session, 'interact'));
          const abandon = metricOf(session, 'tAbandon');
          if (abandon !== undefined) expect(abandon).toBe(metricOf(session, 'tAcd'));
          expect(abandon === undefined).toBe(metricOf(session, 'tAnswered') !== undefined);
        }
        if (participant.purpose === 'ivr') expect(metricOf(session, 'tIvr')).toBe(sumOf(session, 'ivr'));
      }
    }
  });
});

describe('query dimensions and metrics per filter kind', () => {
  const interval = '2024-10-04T00:00:00Z/2024-10-09T00:00:00Z';
  const verdictOf = (kind: 'conversationFilters' | 'segmentFilters', predicate: Record<string, unknown>) =>
    validateConversationQuery({ interval, [kind]: [{ type: 'and', predicates: [predicate] }] }, { maxPageSize: 100 });

  it('accepts every conversation dimension in conversationFilters and refuses it in segmentFilters', () => {
    for (const dimension of CONVERSATION_DIMENSIONS) {
      expect(verdictOf('conversationFilters', { dimension, operator: 'exists' }).ok).toBe(true);
      expect(verdictOf('segmentFilters', { dimension, operator: 'exists' })).toEqual({
        ok: false,
        code: 'invalid.value',
        message: `segmentFilters[0].predicates[0].dimension "${dimension}" is a conversation dimension; use it in conversationFilters, not segmentFilters`,
      });
    }
  });

  it('accepts every segment dimension in segmentFilters and refuses it in conversationFilters', () => {
    expect(SEGMENT_DIMENSIONS.length).toBeGreaterThanOrEqual(80);
    for (const dimension of SEGMENT_DIMENSIONS) {
      expect(verdictOf('segmentFilters', { dimension, operator: 'matches', value: 'x' }).ok).toBe(true);
      expect(verdictOf('conversationFilters', { dimension, operator: 'exists' })).toMatchObject({ ok: false, code: 'invalid.value', message: expect.stringContaining('is a segment dimension') });
    }
  });

  it('applies every dimension the data set carries: a field value found in a conversation selects it', () => {
    const query = (kind: 'conversationFilters' | 'segmentFilters', dimension: string, value: string): string[] => {
      const verdict = verdictOf(kind, { dimension, operator: 'matches', value });
      if (!verdict.ok) throw new Error(verdict.message);
      return selectConversations(conversations, verdict.query).map((selected) => selected.conversationId);
    };
    const sdkFields = new Set([...['AnalyticsConversationSegment', 'AnalyticsSession', 'AnalyticsParticipantWithoutAttributes', 'AnalyticsFlow'].flatMap((model) => [...sdkInterface(model).keys()])]);
    const checked = new Set<string>();
    for (const stored of conversations.filter((_, index) => index % 30 === 0)) {
      const seen = new Set<string>();
      for (const participant of stored.conversation.participants) {
        for (const session of participant.sessions) {
          for (const segment of session.segments) {
            const fields: Record<string, unknown> = { ...participant, ...session, ...(session.flow ?? {}), ...segment };
            for (const [field, value] of Object.entries(fields)) {
              const dimension = field === 'requestedRoutingSkillIds' ? 'requestedRoutingSkillId' : field === 'callbackNumbers' ? 'callbackNumber' : field;
              if (!sdkFields.has(field) || !(SEGMENT_DIMENSIONS as readonly string[]).includes(dimension)) continue;
              const text = Array.isArray(value) ? String(value[0]) : String(value);
              if (seen.has(`${dimension}\n${text}`)) continue;
              seen.add(`${dimension}\n${text}`);
              expect(query('segmentFilters', dimension, text), `${dimension} = ${text}`).toContain(stored.conversationId);
              checked.add(dimension);
            }
          }
        }
      }
      for (const dimension of CONVERSATION_DIMENSIONS) {
        const field = dimension === 'divisionId' ? 'divisionIds' : dimension;
        const value = (stored.conversation as unknown as Record<string, unknown>)[field];
        if (value === undefined) continue;
        expect(query('conversationFilters', dimension, Array.isArray(value) ? String(value[0]) : String(value))).toContain(stored.conversationId);
        checked.add(dimension);
      }
    }
    for (const essential of ['queueId', 'userId', 'purpose', 'disconnectType', 'wrapUpCode', 'flowId', 'exitReason', 'messageType', 'addressFrom', 'callbackNumber', 'provider', 'conversationInitiator', 'mediaStatsMinConversationMos']) {
      expect(checked).toContain(essential);
    }
  });

  it('accepts every conversation metric in conversationFilters with a range, and tSegmentDuration in segmentFilters', () => {
    for (const metric of CONVERSATION_METRICS) {
      expect(verdictOf('conversationFilters', { type: 'metric', metric, range: { gte: 0 } }).ok).toBe(true);
      expect(verdictOf('segmentFilters', { type: 'metric', metric, range: { gte: 0 } }).ok).toBe(false);
    }
    const long = verdictOf('segmentFilters', { type: 'metric', metric: 'tSegmentDuration', range: { gt: 600_000 } });
    if (!long.ok) throw new Error(long.message);
    const selected = selectConversations(conversations, long.query);
    expect(selected.length).toBeGreaterThan(0);
    for (const stored of selected) expect(stored.conversation.participants.some((p) => p.sessions.some((s) => s.segments.some((seg) => durationMs(seg) > 600_000)))).toBe(true);
  });

  it('accepts property predicates; the data set has no segment properties, so only notExists holds', () => {
    const exists = verdictOf('segmentFilters', { type: 'property', property: 'tier', propertyType: 'string', operator: 'exists' });
    const notExists = verdictOf('segmentFilters', { type: 'property', property: 'tier', propertyType: 'string', operator: 'notExists' });
    if (!exists.ok || !notExists.ok) throw new Error('property predicates refused');
    expect(selectConversations(conversations, exists.query)).toEqual([]);
    expect(selectConversations(conversations, notExists.query)).toHaveLength(conversations.length);
    expect(verdictOf('conversationFilters', { type: 'property', property: 'tier', operator: 'exists' }).ok).toBe(false);
  });
});
