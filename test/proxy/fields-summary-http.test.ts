// `fields` and `summary` through the real proxy and the real mock on loopback sockets, for one
// week of the mock's data set read in pages of 100: fields keeps only the keys asked for and
// fits many more conversations; summary counts every conversation read (checked against the
// whole data read straight from the mock) in an envelope of a few hundred bytes; the mock's
// journal shows the Genesys calls each costs.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';
import { summarize } from '../../src/query/summary.js';
import { basicAuth, DETAILS_QUERY, pastDaysInterval } from '../mock/helpers.js';

const WEEK = { interval: pastDaysInterval(7), page_size: 100, max_pages: 5, deadline_ms: 8000 };
const FIELDS = ['conversationId', 'conversationStart', 'originatingDirection', 'queue_id:participants.sessions.segments.queueId'];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', MOCK_JOURNAL_BODIES: 'on' } });
}, 60_000);
afterAll(() => stack.close());

interface Answer {
  status: number;
  bytes: number;
  envelope: Record<string, any>;
  /** The details-query calls the mock journaled for this request, with the page size each asked for. */
  pages: Array<{ page: number; pageSize: number }>;
}

async function ask(path: string, body: Record<string, unknown>, session = randomUUID()): Promise<Answer> {
  const response = await request(`${stack.proxyUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', 'x-mock-session': session },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  const journal = await request(`${stack.mockUrl}/__admin/journal?session=${encodeURIComponent(session)}`);
  const { entries } = (await journal.body.json()) as { entries: Array<{ route?: string; page: number | null; body?: string }> };
  const pages = entries
    .filter((entry) => entry.route === 'analytics-query')
    .map((entry) => ({ page: entry.page!, pageSize: (JSON.parse(entry.body!) as { paging: { pageSize: number } }).paging.pageSize }));
  return { status: response.statusCode, bytes: Buffer.byteLength(text), envelope: JSON.parse(text) as Record<string, any>, pages };
}

/** Every conversation of the interval, read straight from the mock (no proxy, no budget). */
async function everyConversation(interval: string): Promise<Record<string, unknown>[]> {
  const login = await request(`${stack.mockUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(stack.mockConfig.clientId, stack.mockConfig.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await login.body.json()) as { access_token: string };
  const all: Record<string, unknown>[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await request(`${stack.mockUrl}${DETAILS_QUERY}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interval, order: 'asc', orderBy: 'conversationStart', paging: { pageSize: 100, pageNumber } }),
    });
    const { conversations = [] } = (await page.body.json()) as { conversations?: Record<string, unknown>[] };
    all.push(...conversations);
    if (conversations.length < 100) return all;
  }
}

describe('fields over a week, pages of 100', () => {
  let whole: Answer;
  let projected: Answer;
  const wholeSession = randomUUID();
  beforeAll(async () => {
    [whole, projected] = await Promise.all([ask('/api/query', WEEK, wholeSession), ask('/api/query', { ...WEEK, fields: FIELDS })]);
  });

  it('returns only the keys asked for, in order, the first queue id under its name', () => {
    expect(projected.status).toBe(200);
    expect(projected.envelope).toMatchObject({ success: true, action: 'process_data' });
    const keys = ['conversationId', 'conversationStart', 'originatingDirection', 'queue_id'];
    for (const item of projected.envelope.data as Record<string, unknown>[]) expect(Object.keys(item)).toEqual(keys);
    const first = projected.envelope.data[0] as Record<string, unknown>;
    const sameInWhole = (whole.envelope.data as Array<Record<string, any>>)[0]!;
    expect(first.conversationId).toBe(sameInWhole.conversationId);
    expect(first.originatingDirection).toBe(sameInWhole.originatingDirection);
    const firstQueue = (sameInWhole.participants as Array<{ sessions: Array<{ segments: Array<{ queueId?: string }> }> }>)
      .flatMap((participant) => participant.sessions.flatMap((session) => session.segments.map((segment) => segment.queueId)))
      .find((queueId) => queueId !== undefined);
    expect(first.queue_id).toBe(firstQueue ?? null);
  });

  it('fits many more conversations in the same envelope budget', () => {
    expect(whole.envelope.truncated).toBe(true);
    expect(projected.envelope.record_count).toBeGreaterThan(10 * whole.envelope.record_count);
    expect(projected.envelope.total_hits).toBe(whole.envelope.total_hits);
    expect(projected.envelope.record_count).toBe(projected.envelope.data.length);
    for (const answer of [whole, projected]) expect(answer.bytes).toBeLessThanOrEqual(stack.proxyConfig.limits.maxEnvelopeBytes);
  });

  it('costs one Genesys call without fields (the first page fills the budget) and asks smaller pages once the projected items near it', () => {
    expect(whole.pages).toEqual([{ page: 1, pageSize: 100 }]);
    expect(projected.pages.length).toBe(projected.envelope.pages_fetched);
    expect(projected.pages.length).toBeGreaterThan(1);
    expect(projected.pages.slice(0, -1).every(({ pageSize }) => pageSize === 100)).toBe(true);
    // The last call asks for about what was still missing, not a whole page of 100.
    const last = projected.pages.at(-1)!;
    if (projected.envelope.message !== undefined) expect(last.pageSize).toBeLessThan(100);
    // Numbered pages stay aligned: the last one starts where the previous ones ended.
    expect((last.page - 1) * last.pageSize).toBe(100 * (projected.pages.length - 1));
  });

  it('asks later whole queries for about what fits: a smaller first page, the same envelope', async () => {
    // The first whole query of the session taught the proxy what a conversation weighs (engine/item-size.ts).
    const again = await ask('/api/query', WEEK, wholeSession);
    const pagesAgain = again.pages.slice(whole.pages.length); // the session's journal holds both queries
    expect(pagesAgain).toHaveLength(1);
    const [{ page, pageSize }] = pagesAgain as [{ page: number; pageSize: number }];
    expect(page).toBe(1);
    expect(pageSize).toBeLessThan(100);
    expect(100 % pageSize).toBe(0);
    expect(pageSize).toBeGreaterThan(whole.envelope.record_count);
    expect(again.envelope).toMatchObject({ success: true, truncated: true, pages_fetched: 1, record_count: whole.envelope.record_count, total_hits: whole.envelope.total_hits });
    expect(again.envelope.data).toEqual(whole.envelope.data);
    // Another upstream context (another session) has learnt nothing yet: its first page is the flow's.
    expect((await ask('/api/query', WEEK)).pages).toEqual([{ page: 1, pageSize: 100 }]);
  });

  it('is the same through the conversation-details action', async () => {
    const action = await ask('/api/actions/conversation-details', { ...WEEK, max_pages: 1, fields: ['conversationId', 'participants.sessions.mediaType'] });
    expect(action.envelope).toMatchObject({ success: true, pages_fetched: 1 });
    for (const item of action.envelope.data as Record<string, unknown>[]) expect(Object.keys(item)).toEqual(['conversationId', 'participants.sessions.mediaType']);
    expect(action.pages).toEqual([{ page: 1, pageSize: 100 }]);
  });
});

describe('summary over a week, pages of 100', () => {
  let answer: Answer;
  let all: Record<string, unknown>[];
  beforeAll(async () => {
    [answer, all] = await Promise.all([ask('/api/query', { ...WEEK, summary: true }), everyConversation(WEEK.interval)]);
  });

  it('counts every conversation read, as the whole data says', () => {
    expect(all.length).toBeGreaterThan(200); // a week of 40..80 a day: more than one envelope of whole conversations
    expect(all.length).toBeLessThanOrEqual(500); // within max_pages × page_size
    expect(answer.envelope).toMatchObject({ success: true, action: 'process_data', record_count: all.length, total_hits: all.length, truncated: false });
    expect(answer.envelope.data).toEqual(summarize(all));
    const data = answer.envelope.data as Record<string, any>;
    expect(data.conversations).toBe(all.length);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);
    expect(sum(data.by_direction)).toBe(all.length);
    expect(data.by_direction.inbound).toBe(all.filter((conversation) => conversation.originatingDirection === 'inbound').length);
    expect(Object.keys(data.by_media_type).sort()).toEqual(['callback', 'chat', 'email', 'message', 'voice']);
    expect(data.handle_time_ms).toBeGreaterThan(0);
    expect(data.avg_handle_time_ms).toBe(Math.round(data.handle_time_ms / data.handled_conversations));
    expect(data.wait_time_ms).toBeGreaterThan(0);
  });

  it('is a small envelope', () => {
    expect(answer.bytes).toBeLessThan(1500);
  });

  it('reads every page (the byte budget does not stop it): one Genesys call per 100 conversations', () => {
    expect(answer.pages).toEqual(Array.from({ length: Math.max(1, Math.ceil(all.length / 100)) }, (_, index) => ({ page: index + 1, pageSize: 100 })));
    expect(answer.envelope.pages_fetched).toBe(answer.pages.length);
  });

  it('says truncated when Genesys had more than max_pages held', async () => {
    const capped = await ask('/api/query', { ...WEEK, summary: true, max_pages: 2 });
    expect(capped.envelope).toMatchObject({ success: true, record_count: 200, total_hits: all.length, pages_fetched: 2, truncated: true, data: { conversations: 200 } });
    expect(capped.envelope.message).toBeUndefined();
    expect(capped.pages).toHaveLength(2);
  });
});

describe('caller mistakes', () => {
  it.each([
    [{ fields: ['conversationId', 'participants..queueId'] }, /^fields\[1\] "participants\.\.queueId": part 2 of the path is empty/],
    [{ fields: ['conversationId'], summary: true }, /^fields and summary cannot be combined/],
    [{ fields: Array.from({ length: 21 }, (_, index) => `f${index}`) }, /^fields must NOT have more than 20 items$/],
    [{ fields: 'conversationId' }, /^fields must be of type array$/],
    [{ summary: 'yes' }, /^summary must be of type boolean$/],
  ])('%j is a 400 saying what is wrong, with no Genesys call', async (body, message) => {
    const answer = await ask('/api/query', body);
    expect(answer.status).toBe(400);
    expect(answer.envelope).toMatchObject({ success: false, fallback_type: 'invalid_request', error_code: 'invalid_request' });
    expect(answer.envelope.message).toMatch(message);
    expect(answer.pages).toEqual([]);
  });
});
