// `summary`: counts by queue, media type and direction, handle and wait time from session
// metrics, as table tests of the pure tally; and the tally agrees with the mock's data set.
import { describe, expect, it } from 'vitest';
import { generateDay } from '../../mock-genesys/genesys/analytics/dataset.js';
import { MAX_SUMMARY_KEYS, OTHER_KEY, newSummaryTally, summarize, summaryOf, tallyConversation } from '../../src/query/summary.js';

type Metric = { name: string; value: unknown };
const session = (mediaType: string, queueIds: (string | null)[], metrics: Metric[] = []) => ({
  mediaType,
  metrics,
  segments: queueIds.map((queueId) => (queueId === null ? { segmentType: 'ivr' } : { segmentType: 'interact', queueId })),
});
const conversation = (id: string, direction: string | undefined, sessions: ReturnType<typeof session>[]) => ({
  conversationId: id,
  ...(direction !== undefined ? { originatingDirection: direction } : {}),
  participants: [{ purpose: 'customer', sessions: sessions.slice(0, 1) }, { purpose: 'agent', sessions: sessions.slice(1) }],
});

describe('summarize', () => {
  it('is all zeros and empty maps, without time fields, for no conversations', () => {
    expect(summarize([])).toEqual({ conversations: 0, by_direction: {}, by_media_type: {}, by_queue: {} });
  });

  it.each([
    [
      'one conversation in one queue counts once, however many segments name it',
      [conversation('c1', 'inbound', [session('voice', ['q1', 'q1']), session('voice', ['q1'])])],
      { conversations: 1, by_direction: { inbound: 1 }, by_media_type: { voice: 1 }, by_queue: { q1: 1 } },
    ],
    [
      'a transfer counts in both queues; a callback counts as voice and callback',
      [conversation('c1', 'inbound', [session('callback', ['q1']), session('voice', ['q2'])]), conversation('c2', 'inbound', [session('voice', ['q2'])])],
      { conversations: 2, by_direction: { inbound: 2 }, by_media_type: { voice: 2, callback: 1 }, by_queue: { q2: 2, q1: 1 } },
    ],
    [
      'a conversation without queue, media type or direction is only counted in conversations',
      [conversation('c1', undefined, [session('', [null])]), { conversationId: 'c2' }, { conversationId: 'c3', participants: 'not a list' }],
      { conversations: 3, by_direction: {}, by_media_type: {}, by_queue: {} },
    ],
    [
      'largest counts first, ties by key',
      [conversation('c1', 'outbound', [session('email', ['qb'])]), conversation('c2', 'inbound', [session('chat', ['qa'])]), conversation('c3', 'inbound', [session('chat', ['qc'])])],
      { conversations: 3, by_direction: { inbound: 2, outbound: 1 }, by_media_type: { chat: 2, email: 1 }, by_queue: { qa: 1, qb: 1, qc: 1 } },
    ],
  ])('%s', (_what, conversations, expected) => {
    const summary = summarize(conversations as Record<string, unknown>[]);
    expect(summary).toEqual(expected);
    expect(JSON.stringify(summary)).toBe(JSON.stringify(expected)); // key order too
  });

  it.each([
    [
      'handle time sums tHandle of every session; wait time tAcd',
      [
        conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tAcd', value: 30_000 }]), session('voice', ['q1'], [{ name: 'tHandle', value: 100_000 }, { name: 'tTalk', value: 90_000 }])]),
        conversation('c2', 'inbound', [session('voice', ['q1'], [{ name: 'tAcd', value: 10_000 }]), session('voice', ['q1'], [{ name: 'tHandle', value: 50_000 }, { name: 'tHandle', value: 25_001 }])]),
        conversation('c3', 'inbound', [session('voice', [null])]),
      ],
      { handle_time_ms: 175_001, handled_conversations: 2, avg_handle_time_ms: 87_501, wait_time_ms: 40_000, waited_conversations: 2, avg_wait_time_ms: 20_000 },
    ],
    [
      'tWait stands in for a session without tAcd, never added to it',
      [
        conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tAcd', value: 30_000 }, { name: 'tWait', value: 31_000 }])]),
        conversation('c2', 'inbound', [session('voice', ['q1'], [{ name: 'tWait', value: 12_000 }])]),
      ],
      { wait_time_ms: 42_000, waited_conversations: 2, avg_wait_time_ms: 21_000 },
    ],
    [
      'a conversation waiting in two queues adds both waits; tAbandon and tAnswered are not waits',
      [conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tAcd', value: 1000 }, { name: 'tAbandon', value: 1000 }]), session('voice', ['q2'], [{ name: 'tAcd', value: 2000 }, { name: 'tAnswered', value: 2500 }])])],
      { wait_time_ms: 3000, waited_conversations: 1, avg_wait_time_ms: 3000 },
    ],
    [
      'values that are not finite non-negative numbers are ignored',
      [conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tHandle', value: '100' }, { name: 'tHandle', value: -5 }, { name: 'tHandle', value: null }, { name: 'tHandle', value: 7 }])])],
      { handle_time_ms: 7, handled_conversations: 1, avg_handle_time_ms: 7 },
    ],
    ['no metrics: no time fields', [conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tTalk', value: 5 }])])], {}],
  ])('%s', (_what, conversations, times) => {
    const summary = summarize(conversations as Record<string, unknown>[]);
    const timeFields = Object.fromEntries(Object.entries(summary).filter(([key]) => key.includes('time') || key.endsWith('_conversations')));
    expect(timeFields).toEqual(times);
  });

  it('puts the scalars before the maps, so a tight byte budget drops by_queue first', () => {
    const summary = summarize([conversation('c1', 'inbound', [session('voice', ['q1'], [{ name: 'tHandle', value: 1 }, { name: 'tAcd', value: 1 }])])]);
    expect(Object.keys(summary)).toEqual(['conversations', 'handle_time_ms', 'handled_conversations', 'avg_handle_time_ms', 'wait_time_ms', 'waited_conversations', 'avg_wait_time_ms', 'by_direction', 'by_media_type', 'by_queue']);
  });

  it(`keeps the ${MAX_SUMMARY_KEYS} largest counts of a map and adds the rest up under "${OTHER_KEY}"`, () => {
    const tally = newSummaryTally();
    for (let index = 0; index < 150; index++) {
      const queue = `q${String(index).padStart(3, '0')}`;
      for (let times = 0; times < (index < 10 ? 2 : 1); times++) tallyConversation(tally, conversation(`${queue}-${times}`, 'inbound', [session('voice', [queue])]));
    }
    const { by_queue: byQueue, conversations } = summaryOf(tally);
    expect(conversations).toBe(160);
    expect(Object.keys(byQueue)).toHaveLength(MAX_SUMMARY_KEYS);
    expect(byQueue.q000).toBe(2);
    expect(byQueue[OTHER_KEY]).toBe(150 - (MAX_SUMMARY_KEYS - 1));
    expect(Object.values(byQueue).reduce((sum, count) => sum + count, 0)).toBe(160);
  });

  it('counts a key named __proto__ as data', () => {
    const summary = summarize([conversation('c1', '__proto__', [session('voice', ['__proto__'])])]);
    expect(Object.hasOwn(summary.by_queue, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(summary)).by_direction).toEqual(JSON.parse('{"__proto__":1}'));
  });
});

describe('summarize over the mock data set', () => {
  const day = generateDay(42, 20_400).map((stored) => stored.conversation as unknown as Record<string, unknown>);
  const summary = summarize(day);

  it('counts every conversation, each direction once, and at least one media type each', () => {
    expect(summary.conversations).toBe(day.length);
    expect(Object.values(summary.by_direction).reduce((sum, count) => sum + count, 0)).toBe(day.length);
    expect(Object.values(summary.by_media_type).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(day.length);
  });

  it('totals handle time as the tHandle metrics say, and averages over the conversations that have one', () => {
    let handle = 0;
    let handled = 0;
    for (const item of day) {
      const values = JSON.stringify(item).match(/"name":"tHandle","value":(\d+)/g)?.map((text) => Number(/(\d+)$/.exec(text)![1])) ?? [];
      handle += values.reduce((sum, value) => sum + value, 0);
      if (values.length > 0) handled++;
    }
    expect(summary).toMatchObject({ handle_time_ms: handle, handled_conversations: handled, avg_handle_time_ms: Math.round(handle / handled) });
    expect(summary.wait_time_ms).toBeGreaterThan(0);
  });
});
