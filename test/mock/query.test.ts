// Evaluating a validated query: filters with and/or and nested clauses, order and paging,
// and the rendered Genesys answer.
import { describe, expect, it } from 'vitest';
import { AGENTS, QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { AnswerCache } from '../../mock-genesys/genesys/analytics/answer-cache.js';
import { generateDay, type StoredConversation } from '../../mock-genesys/genesys/analytics/dataset.js';
import { pageOf, renderQueryResponse, selectConversations } from '../../mock-genesys/genesys/analytics/query.js';
import type { ConversationQuery, Filter } from '../../mock-genesys/genesys/analytics/types.js';
import { defaultQuery } from './validation-cases.js';

const conversations = [20_000, 20_001].flatMap((day) => generateDay(1, day));
const base = defaultQuery(0, Number.MAX_SAFE_INTEGER);

function select(overrides: Partial<ConversationQuery>): StoredConversation[] {
  return selectConversations(conversations, { ...base, ...overrides });
}

const segmentsOf = (stored: StoredConversation) => stored.conversation.participants.flatMap((p) => p.sessions.flatMap((s) => s.segments.map((seg) => ({ ...seg, session: s, participant: p }))));
const matches = (dimension: string, value: string): Filter => ({ type: 'and', predicates: [{ type: 'dimension', dimension, operator: 'matches', value }], clauses: [] });

describe('selectConversations', () => {
  it('keeps everything without filters, ordered by conversationStart', () => {
    const selected = select({});
    expect(selected).toHaveLength(conversations.length);
    expect(selected.map((c) => c.conversationStartMs)).toEqual([...selected.map((c) => c.conversationStartMs)].sort((a, b) => a - b));
  });

  it('orders descending by conversationEnd when asked', () => {
    const ends = select({ order: 'desc', orderBy: 'conversationEnd' }).map((c) => c.conversationEndMs);
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
  });

  it('keeps with a queueId segment filter only conversations with a segment in that queue', () => {
    const billing = QUEUES[2].id;
    const selected = select({ segmentFilters: [matches('queueId', billing)] });
    expect(selected.length).toBeGreaterThan(0);
    for (const stored of selected) expect(segmentsOf(stored).some((s) => s.queueId === billing)).toBe(true);
    const missed = conversations.filter((c) => !selected.includes(c));
    for (const stored of missed) expect(segmentsOf(stored).some((s) => s.queueId === billing)).toBe(false);
  });

  it('requires every predicate of an "and" segment filter to hold on the same segment', () => {
    const agent = AGENTS[0].userId;
    const selected = select({
      segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'userId', operator: 'matches', value: agent }, { type: 'dimension', dimension: 'segmentType', operator: 'matches', value: 'hold' }], clauses: [] }],
    });
    for (const stored of selected) expect(segmentsOf(stored).some((s) => s.participant.userId === agent && s.segmentType === 'hold')).toBe(true);
  });

  it('takes any predicate of an "or" filter', () => {
    const either = select({ segmentFilters: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'email' }, { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'chat' }], clauses: [] }] });
    const email = select({ segmentFilters: [matches('mediaType', 'email')] });
    const chat = select({ segmentFilters: [matches('mediaType', 'chat')] });
    expect(either.length).toBe(email.length + chat.length);
  });

  it('evaluates nested clauses', () => {
    const nested: Filter = {
      type: 'and',
      predicates: [{ type: 'dimension', dimension: 'direction', operator: 'matches', value: 'inbound' }],
      clauses: [{ type: 'or', predicates: [], clauses: [matches('mediaType', 'voice'), matches('mediaType', 'callback')] }],
    };
    const selected = select({ segmentFilters: [nested] });
    expect(selected.length).toBeGreaterThan(0);
    for (const stored of selected) {
      expect(stored.conversation.originatingDirection).toBe('inbound');
      expect(['voice', 'callback']).toContain(stored.conversation.participants[0]!.sessions[0]!.mediaType);
    }
  });

  it('filters conversations by originatingDirection, and segments by the existence of a userId', () => {
    const outbound = select({ conversationFilters: [matches('originatingDirection', 'outbound')] });
    expect(outbound.length).toBeGreaterThan(0);
    for (const stored of outbound) expect(stored.conversation.originatingDirection).toBe('outbound');
    const answered = select({ segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'userId', operator: 'exists' }], clauses: [] }] });
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThan(conversations.length);
    for (const stored of conversations) expect(answered.includes(stored)).toBe(stored.conversation.participants.some((p) => p.purpose === 'agent'));
  });

  it('selects abandons by a metric range on tAbandon, and by the queue segment ending in disconnectType peer', () => {
    const metricOf = (stored: StoredConversation, name: string): number | undefined =>
      stored.conversation.participants.flatMap((p) => p.sessions.flatMap((s) => s.metrics)).find((m) => m.name === name)?.value;
    const abandons = select({ conversationFilters: [{ type: 'and', predicates: [{ type: 'metric', metric: 'tAbandon', operator: 'matches', range: { gt: 0 } }], clauses: [] }] });
    expect(abandons.length).toBeGreaterThan(0);
    expect(abandons).toEqual(conversations.filter((stored) => metricOf(stored, 'tAbandon') !== undefined));
    const long = select({ conversationFilters: [{ type: 'and', predicates: [{ type: 'metric', metric: 'tAbandon', operator: 'matches', range: { gte: 60_000, lt: 300_000 } }], clauses: [] }] });
    for (const stored of long) expect(metricOf(stored, 'tAbandon')).toBeGreaterThanOrEqual(60_000);
    expect(long.length).toBeLessThan(abandons.length);
    const byDisconnect = select({
      segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'purpose', operator: 'matches', value: 'acd' }, { type: 'dimension', dimension: 'disconnectType', operator: 'matches', value: 'peer' }], clauses: [] }],
    });
    expect(byDisconnect).toEqual(abandons);
  });

  it('answers nothing to an evaluation, survey or resolution filter (the data set has none)', () => {
    const filter: Filter = { type: 'and', predicates: [{ type: 'dimension', dimension: 'evaluationId', operator: 'exists' }], clauses: [] };
    expect(select({ recordFilters: { evaluations: [filter], surveys: [], resolutions: [] } })).toEqual([]);
    expect(select({ recordFilters: { evaluations: [], surveys: [filter], resolutions: [] } })).toEqual([]);
    expect(select({ recordFilters: { evaluations: [], surveys: [], resolutions: [filter] } })).toEqual([]);
  });

  it('finds one conversation by conversationId', () => {
    const wanted = conversations[17]!;
    expect(select({ conversationFilters: [matches('conversationId', wanted.conversationId)] })).toEqual([wanted]);
  });

  it('ands the filters of a list together', () => {
    const selected = select({ segmentFilters: [matches('queueId', QUEUES[0].id), matches('mediaType', 'chat')] });
    for (const stored of selected) {
      expect(segmentsOf(stored).some((s) => s.queueId === QUEUES[0].id)).toBe(true);
      expect(segmentsOf(stored).some((s) => s.session.mediaType === 'chat')).toBe(true);
    }
  });
});

describe('paging and rendering', () => {
  it('cuts numbered pages that do not overlap', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    expect(pageOf(items, 3, 1)).toEqual([0, 1, 2]);
    expect(pageOf(items, 3, 3)).toEqual([6]);
    expect(pageOf(items, 3, 4)).toEqual([]);
  });

  it('renders the Genesys answer, without a conversations key for an empty page', () => {
    const page = conversations.slice(0, 2);
    expect(JSON.parse(renderQueryResponse(page, 99).toString())).toEqual({ conversations: page.map((c) => c.conversation), totalHits: 99 });
    expect(renderQueryResponse([], 99).toString()).toBe('{"totalHits":99}');
  });
});

describe('AnswerCache', () => {
  it('keeps rendered answers within its byte budget, least recently used out first', () => {
    const cache = new AnswerCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')?.length).toBe(4);
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a')?.length, cache.get('c')?.length, cache.bytes]).toEqual([4, 4, 8]);
    cache.set('a', Buffer.alloc(7));
    expect([cache.get('a')?.length, cache.get('c'), cache.bytes]).toEqual([7, undefined, 7]);
  });

  it('does not keep an answer larger than the whole budget', () => {
    const cache = new AnswerCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('big', Buffer.alloc(11));
    expect([cache.get('big'), cache.get('a')?.length]).toEqual([undefined, 4]);
  });
});
