// The official Genesys SDK, unchanged, against a started mock: login, paging, filters,
// determinism and the headers an extended response exposes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../mock-genesys/genesys/catalog.js';
import type { RunningMock } from '../support/mock.js';
import { pastDaysInterval, startGenesysMock } from './helpers.js';

type PlatformClient = typeof import('purecloud-platform-client-v2');
type ApiClient = PlatformClient['ApiClient'];
/** The SDK's typing is stricter than the API (pageNumber is optional on the wire). */
type SdkQuery = Parameters<InstanceType<PlatformClient['AnalyticsApi']>['postAnalyticsConversationsDetailsQuery']>[0];

interface QueryResult {
  conversations?: Array<{ conversationId: string; participants: Array<{ sessions: Array<{ segments: Array<{ queueId?: string }> }> }> }>;
  totalHits: number;
}

let mock: RunningMock;
let platformClient: PlatformClient;

async function loggedInClient(): Promise<ApiClient> {
  const client = new (platformClient.ApiClient.constructor as new () => ApiClient)();
  const port = Number(new URL(mock.url).port);
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port, path_params_login: '', path_params_api: '' });
  await client.loginClientCredentialsGrant(mock.config.clientId, mock.config.clientSecret);
  return client;
}

async function query(client: ApiClient, body: Record<string, unknown>): Promise<QueryResult> {
  return (await new platformClient.AnalyticsApi(client).postAnalyticsConversationsDetailsQuery(body as unknown as SdkQuery)) as QueryResult;
}

beforeAll(async () => {
  mock = await startGenesysMock({ MOCK_RATE_LIMIT_PER_MIN: '300' });
  platformClient = ((await import('purecloud-platform-client-v2')) as unknown as { default: PlatformClient }).default;
});
afterAll(async () => {
  await mock.close();
});

describe('the official SDK against the mock', () => {
  it('logs in with the client-credentials grant', async () => {
    const client = new (platformClient.ApiClient.constructor as new () => ApiClient)();
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(new URL(mock.url).port) });
    const authData = await client.loginClientCredentialsGrant(mock.config.clientId, mock.config.clientSecret);
    expect(authData.accessToken).toMatch(/.{20,}/);
    expect(authData.tokenExpiryTime).toBeGreaterThan(Date.now() + 86_000_000);
    expect(mock.state.tokens.status(authData.accessToken, 'default')).toBe('valid');
  });

  it('pages through a query with disjoint pages that add up to totalHits', async () => {
    const client = await loggedInClient();
    const interval = pastDaysInterval(3);
    const first = await query(client, { interval, paging: { pageSize: 50, pageNumber: 1 } });
    const pageCount = Math.ceil(first.totalHits / 50);
    const ids = new Set<string>();
    for (let pageNumber = 1; pageNumber <= pageCount; pageNumber += 1) {
      const page = await query(client, { interval, paging: { pageSize: 50, pageNumber } });
      for (const conversation of page.conversations ?? []) {
        expect(ids.has(conversation.conversationId)).toBe(false);
        ids.add(conversation.conversationId);
      }
    }
    expect(first.totalHits).toBeGreaterThanOrEqual(3 * 40);
    expect(ids.size).toBe(first.totalHits);
    const past = await query(client, { interval, paging: { pageSize: 50, pageNumber: pageCount + 1 } });
    expect(past).toEqual({ totalHits: first.totalHits });
  });

  it('returns only the conversations of the queue a queueId segment filter names', async () => {
    const client = await loggedInClient();
    const sales = QUEUES[1].id;
    const result = await query(client, {
      interval: pastDaysInterval(7),
      paging: { pageSize: 100 },
      segmentFilters: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: sales }] }],
    });
    expect(result.conversations?.length).toBeGreaterThan(0);
    for (const conversation of result.conversations ?? []) {
      const queueIds = new Set(conversation.participants.flatMap((p) => p.sessions.flatMap((s) => s.segments.map((seg) => seg.queueId))));
      expect(queueIds.has(sales)).toBe(true);
    }
  });

  it('answers the same query twice with the same conversations', async () => {
    const client = await loggedInClient();
    const body = { interval: pastDaysInterval(2), order: 'desc', paging: { pageSize: 30, pageNumber: 2 } };
    const ids = async (): Promise<string[]> => ((await query(client, body)).conversations ?? []).map((c) => c.conversationId);
    const first = await ids();
    expect(first).toHaveLength(30);
    expect(await ids()).toEqual(first);
  });

  it('exposes the correlation and rate-limit headers in extended responses', async () => {
    const client = await loggedInClient();
    client.setReturnExtendedResponses(true);
    const response = (await new platformClient.AnalyticsApi(client).postAnalyticsConversationsDetailsQuery({
      interval: pastDaysInterval(1),
    })) as unknown as { status: number; headers: Record<string, string>; body: QueryResult };
    expect(response.status).toBe(200);
    expect(response.headers['inin-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['inin-ratelimit-allowed']).toBe('300');
    expect(response.headers['inin-ratelimit-count']).toBe('1');
    expect(Number(response.headers['inin-ratelimit-reset'])).toBeGreaterThan(0);
    expect(response.body.totalHits).toBeGreaterThan(0);
  });

  it('answers no conversations to an evaluation filter, even after the same query without it', async () => {
    const client = await loggedInClient();
    const interval = pastDaysInterval(1);
    expect((await query(client, { interval })).totalHits).toBeGreaterThan(0);
    const evaluated = await query(client, { interval, evaluationFilters: [{ type: 'and', predicates: [{ dimension: 'evaluationId', operator: 'exists' }] }] });
    expect(evaluated).toEqual({ totalHits: 0 });
  });

  it('refuses aggregations with a 400 that says so, and a segment dimension in conversationFilters', async () => {
    const client = await loggedInClient();
    const interval = pastDaysInterval(1);
    const refusal = (body: Record<string, unknown>) => query(client, { interval, ...body }).then(() => undefined, (rejection: unknown) => rejection);
    expect(await refusal({ aggregations: [{ type: 'termFrequency', dimension: 'queueId' }] })).toMatchObject({ status: 400, code: 'invalid.value', message: expect.stringContaining('aggregations') });
    expect(await refusal({ conversationFilters: [{ type: 'and', predicates: [{ dimension: 'queueId', value: QUEUES[0].id }] }] })).toMatchObject({
      status: 400,
      code: 'invalid.value',
      message: 'conversationFilters[0].predicates[0].dimension "queueId" is a segment dimension; use it in segmentFilters, not conversationFilters',
    });
  });

  it('rejects an invalid query with the Genesys ErrorBody the SDK passes on', async () => {
    const client = await loggedInClient();
    const error = await new platformClient.AnalyticsApi(client)
      .postAnalyticsConversationsDetailsQuery({ interval: pastDaysInterval(1), paging: { pageSize: 500, pageNumber: 1 } })
      .then(() => undefined, (rejection: unknown) => rejection);
    expect(error).toMatchObject({ status: 400, code: 'invalid.value', message: 'paging.pageSize must be between 1 and 100, got 500' });
  });
});
