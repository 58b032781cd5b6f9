// The synthetic data set: deterministic per (seed, day), realistic in shape, and the
// store's window anchored to "now".
import { describe, expect, it } from 'vitest';
import { AGENTS, QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { ConversationStore, DATASET_DAYS } from '../../mock-genesys/genesys/analytics/conversation-store.js';
import { DAY_MS, generateDay, MAX_CONVERSATIONS_PER_DAY, MIN_CONVERSATIONS_PER_DAY } from '../../mock-genesys/genesys/analytics/dataset.js';
import { mulberry32, uuidFrom } from '../../mock-genesys/genesys/analytics/prng.js';

const DAY = 20_000; // 2024-10-04, any fixed day
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateDay', () => {
  it('gives the same conversations for the same seed and day', () => {
    expect(generateDay(7, DAY).map((c) => c.jsonBytes.toString())).toEqual(generateDay(7, DAY).map((c) => c.jsonBytes.toString()));
  });

  it('gives other conversations for another seed or another day', () => {
    const ids = (seed: number, day: number): string[] => generateDay(seed, day).map((c) => c.conversationId);
    expect(ids(8, DAY)).not.toEqual(ids(7, DAY));
    expect(ids(7, DAY + 1)).not.toEqual(ids(7, DAY));
  });

  it('makes 40 to 80 conversations that start on that day, in start order, with unique UUIDs', () => {
    for (let day = DAY; day < DAY + 10; day += 1) {
      const conversations = generateDay(1, day);
      expect(conversations.length).toBeGreaterThanOrEqual(MIN_CONVERSATIONS_PER_DAY);
      expect(conversations.length).toBeLessThanOrEqual(MAX_CONVERSATIONS_PER_DAY);
      expect(new Set(conversations.map((c) => c.conversationId)).size).toBe(conversations.length);
      for (const [index, stored] of conversations.entries()) {
        expect(stored.conversationId).toMatch(UUID);
        expect(Math.floor(stored.conversationStartMs / DAY_MS)).toBe(day);
        expect(stored.conversationEndMs).toBeGreaterThan(stored.conversationStartMs);
        if (index > 0) expect(stored.conversationStartMs).toBeGreaterThanOrEqual(conversations[index - 1]!.conversationStartMs);
      }
    }
  });

  it('builds the nested Genesys shape with known queues and agents', () => {
    const queueIds = new Set<string>(QUEUES.map((q) => q.id));
    const userIds = new Set<string>(AGENTS.map((a) => a.userId));
    for (const stored of generateDay(1, DAY)) {
      const { conversation } = stored;
      expect(JSON.parse(stored.jsonBytes.toString())).toEqual(conversation);
      expect(['inbound', 'outbound']).toContain(conversation.originatingDirection);
      expect(conversation.divisionIds).toHaveLength(1);
      expect(conversation.participants.some((p) => p.purpose === 'customer')).toBe(true);
      for (const participant of conversation.participants) {
        expect(participant.participantId).toMatch(UUID);
        expect(['customer', 'ivr', 'acd', 'agent']).toContain(participant.purpose);
        if (participant.purpose === 'agent') expect(userIds.has(participant.userId ?? '')).toBe(true);
        else expect(participant.userId).toBeUndefined();
        for (const session of participant.sessions) {
          expect(['voice', 'chat', 'email', 'callback', 'message']).toContain(session.mediaType);
          expect(session.direction).toBe(conversation.originatingDirection);
          expect(session.segments.length).toBeGreaterThan(0);
          for (const segment of session.segments) {
            expect(['interact', 'alert', 'hold', 'wrapup', 'ivr', 'dialing', 'contacting']).toContain(segment.segmentType);
            expect(Date.parse(segment.segmentEnd)).toBeGreaterThanOrEqual(Date.parse(segment.segmentStart));
            if (segment.queueId !== undefined) expect(queueIds.has(segment.queueId)).toBe(true);
          }
        }
      }
    }
  });

  it('mixes directions, media types and abandoned conversations over a few days', () => {
    const conversations = [0, 1, 2].flatMap((offset) => generateDay(1, DAY + offset)).map((s) => s.conversation);
    expect(new Set(conversations.map((c) => c.originatingDirection))).toEqual(new Set(['inbound', 'outbound']));
    expect(new Set(conversations.flatMap((c) => c.participants.flatMap((p) => p.sessions.map((s) => s.mediaType))))).toEqual(
      new Set(['voice', 'chat', 'email', 'callback', 'message']),
    );
    expect(conversations.some((c) => !c.participants.some((p) => p.purpose === 'agent'))).toBe(true);
  });
});

describe('uuidFrom', () => {
  it('draws version-4-shaped ids from the PRNG', () => {
    const random = mulberry32(42);
    const ids = Array.from({ length: 100 }, () => uuidFrom(random));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(100);
  });
});

describe('ConversationStore', () => {
  const nowMs = Date.UTC(2026, 10, 27, 12, 0, 0);
  const todayStartMs = Date.UTC(2026, 10, 27);

  it('answers the whole of a past day with that day\'s conversations', () => {
    const store = new ConversationStore(1);
    const dayIndex = todayStartMs / DAY_MS - 1;
    expect(store.between(todayStartMs - DAY_MS, todayStartMs, nowMs).map((c) => c.conversationId)).toEqual(generateDay(1, dayIndex).map((c) => c.conversationId));
  });

  it('shows only the conversations of today that have ended by now', () => {
    const today = new ConversationStore(1).between(todayStartMs, todayStartMs + DAY_MS, nowMs);
    expect(today.length).toBeGreaterThan(0);
    for (const stored of today) expect(stored.conversationEndMs).toBeLessThanOrEqual(nowMs);
    expect(today.length).toBeLessThan(generateDay(1, todayStartMs / DAY_MS).length);
  });

  it('keeps conversations that start inside the interval only', () => {
    const startMs = todayStartMs - DAY_MS + 6 * 3_600_000;
    const endMs = startMs + 3_600_000;
    for (const stored of new ConversationStore(1).between(startMs, endMs, nowMs)) {
      expect(stored.conversationStartMs).toBeGreaterThanOrEqual(startMs);
      expect(stored.conversationStartMs).toBeLessThan(endMs);
    }
  });

  it(`has no conversations before its ${DATASET_DAYS}-day window or in the future`, () => {
    const store = new ConversationStore(1);
    const windowStartMs = todayStartMs - (DATASET_DAYS - 1) * DAY_MS;
    expect(store.between(windowStartMs - 7 * DAY_MS, windowStartMs, nowMs)).toEqual([]);
    expect(store.between(windowStartMs, windowStartMs + DAY_MS, nowMs).length).toBeGreaterThan(0);
    expect(store.between(todayStartMs + DAY_MS, todayStartMs + 2 * DAY_MS, nowMs)).toEqual([]);
  });
});
