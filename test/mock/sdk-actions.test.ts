// The official SDK, unchanged, against the mock's routes behind the flow actions: each call
// made with the SDK's own method, answers checked against the data set and the SDK's types,
// errors as the SDK passes them on (status, code, message).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS, CUSTOMERS, DATA_TABLES, LIVE_CONVERSATION, QUEUES, UNKNOWN_PHONE_NUMBER } from '../../mock-genesys/genesys/catalog.js';
import type { RunningMock } from '../support/mock.js';
import { pastDaysInterval, startGenesysMock } from './helpers.js';

type PlatformClient = typeof import('purecloud-platform-client-v2');
type ApiClient = PlatformClient['ApiClient'];
type RoutingApi = InstanceType<PlatformClient['RoutingApi']>;
type ObservationQuery = Parameters<RoutingApi['postAnalyticsQueuesObservationsQuery']>[0];
type DetailsQuery = Parameters<InstanceType<PlatformClient['AnalyticsApi']>['postAnalyticsConversationsDetailsQuery']>[0];
type ParticipantAttributes = Parameters<InstanceType<PlatformClient['ConversationsApi']>['patchConversationParticipantAttributes']>[2];

let mock: RunningMock;
let platformClient: PlatformClient;
let client: ApiClient;

async function loggedInClient(session: string): Promise<ApiClient> {
  const fresh = new (platformClient.ApiClient.constructor as new () => ApiClient)();
  fresh.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(new URL(mock.url).port), path_params_login: '', path_params_api: '' });
  await fresh.loginClientCredentialsGrant(mock.config.clientId, mock.config.clientSecret);
  // Scenario call counts and created callbacks are per session.
  (fresh as unknown as { defaultHeaders?: Record<string, string> }).defaultHeaders = { 'x-mock-session': session };
  return fresh;
}

/** The SDK's rejection (an object with status, code, message) of a call expected to fail. */
async function rejectionOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (rejection: unknown) => rejection as Record<string, unknown>,
  );
}

const [support, sales, billing, callbacks, vip] = QUEUES.map((queue) => queue.id) as [string, string, string, string, string];
const unknownId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  mock = await startGenesysMock({ MOCK_RATE_LIMIT_PER_MIN: '0' });
  platformClient = ((await import('purecloud-platform-client-v2')) as unknown as { default: PlatformClient }).default;
  client = await loggedInClient('sdk-actions');
});
afterAll(async () => {
  await mock.close();
});

describe('queue-estimated-wait-time with the SDK', () => {
  it('answers EstimatedWaitTimePredictions that agree with the documented table', async () => {
    const routing = new platformClient.RoutingApi(client);
    const readme = readFileSync(new URL('../../mock-genesys/README.md', import.meta.url), 'utf8');
    for (const queue of QUEUES) {
      const answer = await routing.getRoutingQueueEstimatedwaittime(queue.id);
      expect(answer.results).toHaveLength(1);
      expect(answer.results[0]).toEqual({ intent: 'ALL', formula: 'BEST', estimatedWaitTimeSeconds: expect.any(Number) });
      const row = new RegExp(`\\| ${queue.name} \\| \`${queue.id}\` \\|[^\\n]*\\| ${answer.results[0]!.estimatedWaitTimeSeconds} s \\|`);
      expect(readme).toMatch(row);
    }
  });

  it('answers per media type: the queue\'s own media waits, others do not', async () => {
    const routing = new platformClient.RoutingApi(client);
    const call = await routing.getRoutingQueueMediatypeEstimatedwaittime(support, 'call');
    const whole = await routing.getRoutingQueueEstimatedwaittime(support);
    expect(call.results[0]!.estimatedWaitTimeSeconds).toBe(whole.results[0]!.estimatedWaitTimeSeconds);
    expect((await routing.getRoutingQueueMediatypeEstimatedwaittime(support, 'email')).results[0]!.estimatedWaitTimeSeconds).toBe(0);
    expect((await routing.getRoutingQueueMediatypeEstimatedwaittime(callbacks, 'callback')).results[0]!.estimatedWaitTimeSeconds).toBeGreaterThan(0);
  });

  it('answers 404 not.found for an unknown queue and 400 for an unknown media type', async () => {
    const routing = new platformClient.RoutingApi(client);
    expect(await rejectionOf(routing.getRoutingQueueEstimatedwaittime(unknownId))).toMatchObject({ status: 404, code: 'not.found' });
    expect(await rejectionOf(routing.getRoutingQueueMediatypeEstimatedwaittime(support, 'fax'))).toMatchObject({ status: 400, code: 'bad.request' });
  });
});

describe('queue-activity with the SDK', () => {
  const query = (queueIds: string[], metrics: string[], extra: Array<{ dimension: string; value: string }> = []): ObservationQuery => ({
    filter: {
      type: 'or',
      predicates: queueIds.map((value) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value })),
      ...(extra.length > 0 ? { clauses: [{ type: 'and', predicates: extra.map((p) => ({ type: 'dimension', operator: 'matches', ...p })) }] } : {}),
    },
    metrics,
  });

  it('counts agents on queue by routing status, idle agents and waiting interactions', async () => {
    const api = new platformClient.RoutingApi(client);
    const answer = await api.postAnalyticsQueuesObservationsQuery(query([support, billing], ['oOnQueueUsers', 'oWaiting', 'oInteracting', 'oLongestWaiting']));
    expect(answer.results?.map((result) => result.group)).toEqual([{ queueId: support }, { queueId: billing }]);
    const supportData = answer.results?.[0]?.data ?? [];
    // Support: Ada IDLE, Grace INTERACTING, Margaret COMMUNICATING on queue; 4 waiting, oldest 185 s.
    expect(supportData).toEqual([
      { metric: 'oOnQueueUsers', qualifier: 'COMMUNICATING', stats: { count: 1 } },
      { metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 1 } },
      { metric: 'oOnQueueUsers', qualifier: 'INTERACTING', stats: { count: 1 } },
      { metric: 'oWaiting', stats: { count: 4 } },
      { metric: 'oInteracting', stats: { count: 1 } },
      { metric: 'oLongestWaiting', stats: { count: 4, calculatedMetricValue: 185_000 } },
    ]);
    expect(answer.results?.[1]?.data).toContainEqual({ metric: 'oWaiting', stats: { count: 0 } });
  });

  it('groups by media type when the filter names one', async () => {
    const api = new platformClient.RoutingApi(client);
    const answer = await api.postAnalyticsQueuesObservationsQuery(query([vip], ['oWaiting'], [{ dimension: 'mediaType', value: 'chat' }]));
    expect(answer.results).toEqual([{ group: { queueId: vip, mediaType: 'chat' }, data: [{ metric: 'oWaiting', stats: { count: 0 } }] }]);
  });

  it('refuses an unknown metric or a filter without queues (400) and an unknown queue (404)', async () => {
    const api = new platformClient.RoutingApi(client);
    expect(await rejectionOf(api.postAnalyticsQueuesObservationsQuery(query([sales], ['oNope'])))).toMatchObject({ status: 400, code: 'bad.request' });
    expect(await rejectionOf(api.postAnalyticsQueuesObservationsQuery(query([], ['oWaiting'])))).toMatchObject({ status: 400 });
    expect(await rejectionOf(api.postAnalyticsQueuesObservationsQuery(query([unknownId], ['oWaiting'])))).toMatchObject({ status: 404, code: 'not.found' });
  });
});

describe('users, routing status and presence with the SDK', () => {
  it('lists the agents as users, pages them and filters by id', async () => {
    const users = new platformClient.UsersApi(client);
    const all = await users.getUsers({ pageSize: 100 });
    expect(all.total).toBe(AGENTS.length);
    expect(new Set(all.entities?.map((user) => `${user.id} ${user.name}`))).toEqual(new Set(AGENTS.map((agent) => `${agent.userId} ${agent.name}`)));
    const page = await users.getUsers({ pageSize: 3, pageNumber: 3 });
    expect(page).toMatchObject({ pageSize: 3, pageNumber: 3, total: 8, pageCount: 3 });
    expect(page.entities).toHaveLength(2);
    const two = await users.getUsers({ id: [AGENTS[0].userId, AGENTS[4].userId] });
    expect(two.entities?.map((user) => user.name).sort()).toEqual(['Ada Lovelace', 'Barbara Liskov']);
  });

  it('answers RoutingStatus and UserPresence for an agent, 404 for an unknown user', async () => {
    const users = new platformClient.UsersApi(client);
    const presence = new platformClient.PresenceApi(client);
    const status = await users.getUserRoutingstatus(AGENTS[0].userId);
    expect(status).toEqual({ userId: AGENTS[0].userId, status: 'IDLE', startTime: expect.stringMatching(/T08:00:00\.000Z$/) });
    const onBreak = await presence.getUserPresencesPurecloud(AGENTS[7].userId);
    expect(onBreak).toMatchObject({ source: 'PURECLOUD', primary: true, presenceDefinition: { systemPresence: 'Break' } });
    expect(await rejectionOf(users.getUserRoutingstatus(unknownId))).toMatchObject({ status: 404, code: 'not.found' });
    expect(await rejectionOf(presence.getUserPresencesPurecloud(unknownId))).toMatchObject({ status: 404, code: 'not.found' });
  });
});

describe('contact-by-phone with the SDK', () => {
  it('finds the customer of a conversation by the ani, in any common phone format', async () => {
    const analytics = new platformClient.AnalyticsApi(client);
    const details = (await analytics.postAnalyticsConversationsDetailsQuery({
      interval: pastDaysInterval(1),
      paging: { pageSize: 20, pageNumber: 1 },
      segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }, { type: 'dimension', dimension: 'direction', operator: 'matches', value: 'inbound' }] }],
    } as unknown as DetailsQuery)) as { conversations: Array<{ participants: Array<{ purpose: string; participantName?: string; sessions: Array<{ ani?: string }> }> }> };
    const contacts = new platformClient.ExternalContactsApi(client);
    expect(details.conversations.length).toBeGreaterThan(0);
    for (const conversation of details.conversations) {
      const customer = conversation.participants.find((participant) => participant.purpose === 'customer')!;
      const ani = customer.sessions[0]!.ani!;
      const found = await contacts.getExternalcontactsContacts({ q: ani });
      expect(found.total).toBe(1);
      expect(`${found.entities?.[0]?.firstName} ${found.entities?.[0]?.lastName}`).toBe(customer.participantName);
      expect(`tel:${found.entities?.[0]?.cellPhone?.e164}`).toBe(ani);
    }
    const olivia = CUSTOMERS[0]!;
    for (const q of [olivia.phone, '(317) 555-1234', '317-555-1234', '13175551234']) {
      const found = await contacts.getExternalcontactsContacts({ q });
      expect(found.entities?.map((contact) => contact.id)).toEqual([olivia.id]);
    }
  });

  it('answers an empty listing for an unknown number, and searches names', async () => {
    const contacts = new platformClient.ExternalContactsApi(client);
    expect(await contacts.getExternalcontactsContacts({ q: UNKNOWN_PHONE_NUMBER })).toMatchObject({ total: 0, entities: [] });
    const named = await contacts.getExternalcontactsContacts({ q: 'olivia smith', pageSize: 100 });
    expect(named.entities?.length).toBeGreaterThan(0);
    for (const contact of named.entities ?? []) expect(`${contact.firstName} ${contact.lastName}`).toBe('Olivia Smith');
  });
});

describe('data tables with the SDK', () => {
  it('lists the data tables, with their schema on expand=schema', async () => {
    const architect = new platformClient.ArchitectApi(client);
    const listing = await architect.getFlowsDatatables({ expand: 'schema', sortOrder: 'descending' });
    expect(listing.total).toBe(DATA_TABLES.length);
    expect(listing.entities?.map((table) => table.name)).toEqual(['VIP Accounts', 'Holiday Hours']);
    expect(Object.keys(listing.entities?.[0]?.schema?.properties ?? {})).toEqual(['key', 'accountName', 'tier', 'priority', 'queueId']);
    const named = await architect.getFlowsDatatables({ name: 'holiday*' });
    expect(named.entities?.map((table) => ({ id: table.id, schema: table.schema }))).toEqual([{ id: DATA_TABLES[0]!.id, schema: undefined }]);
  });

  it('answers a row as an object (the key only unless showbrief=false), 404 for an unknown table or row', async () => {
    const architect = new platformClient.ArchitectApi(client);
    const table = DATA_TABLES[1]!.id;
    expect(await architect.getFlowsDatatableRow(table, 'ACME-001', { showbrief: false })).toEqual({
      key: 'ACME-001',
      accountName: 'Acme Corporation',
      tier: 'platinum',
      priority: 10,
      queueId: vip,
    });
    expect(await architect.getFlowsDatatableRow(table, 'ACME-001')).toEqual({ key: 'ACME-001' });
    expect(await rejectionOf(architect.getFlowsDatatableRow(table, 'NOPE-999', { showbrief: false }))).toMatchObject({ status: 404, code: 'not.found' });
    expect(await rejectionOf(architect.getFlowsDatatableRow(unknownId, 'ACME-001', { showbrief: false }))).toMatchObject({ status: 404, code: 'not.found' });
  });
});

describe('create-callback and set-participant-data with the SDK', () => {
  it('creates a new callback conversation on every call (not idempotent)', async () => {
    const conversations = new platformClient.ConversationsApi(client);
    const command = { queueId: callbacks, callbackNumbers: ['+13175551234'], callbackUserName: 'Olivia Smith' };
    const first = await conversations.postConversationsCallbacks(command);
    const second = await conversations.postConversationsCallbacks(command);
    expect(first.conversation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.conversation.id).not.toBe(first.conversation.id);
    expect(first.callbackIdentifiers.map((identifier) => identifier.type)).toEqual(['EXTERNAL', 'ACD']);
  });

  it('refuses a bad phone number or body (400) and an unknown queue (404)', async () => {
    const conversations = new platformClient.ConversationsApi(client);
    expect(await rejectionOf(conversations.postConversationsCallbacks({ queueId: callbacks, callbackNumbers: ['call me maybe'] }))).toMatchObject({
      status: 400,
      code: 'invalid.phone.number',
      message: expect.stringContaining('callbackNumbers[0]'),
    });
    expect(await rejectionOf(conversations.postConversationsCallbacks({ queueId: callbacks, callbackNumbers: [] }))).toMatchObject({ status: 400 });
    expect(await rejectionOf(conversations.postConversationsCallbacks({ callbackNumbers: ['+13175551234'] }))).toMatchObject({ status: 400 });
    expect(await rejectionOf(conversations.postConversationsCallbacks({ queueId: unknownId, callbackNumbers: ['+13175551234'] }))).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('writes participant attributes of a created callback and of the live conversation (202, no body)', async () => {
    const conversations = new platformClient.ConversationsApi(client);
    const created = await conversations.postConversationsCallbacks({ routingData: { queueId: callbacks }, callbackNumbers: ['317 555 9153'] });
    const participantId = created.callbackIdentifiers[0]!.id;
    client.setReturnExtendedResponses(true);
    try {
      const answer = (await conversations.patchConversationParticipantAttributes(created.conversation.id!, participantId, { attributes: { reason: 'billing' } })) as unknown as {
        status: number;
        body: unknown;
      };
      expect(answer.status).toBe(202);
      expect(answer.body ?? '').toBe('');
    } finally {
      client.setReturnExtendedResponses(false);
    }
    await conversations.patchConversationParticipantAttributes(LIVE_CONVERSATION.conversationId, LIVE_CONVERSATION.customerParticipantId, { attributes: { language: 'en' } });
  });

  it('answers 404 for an unknown conversation or participant and 400 for non-string attributes', async () => {
    const conversations = new platformClient.ConversationsApi(client);
    const { conversationId, customerParticipantId } = LIVE_CONVERSATION;
    expect(await rejectionOf(conversations.patchConversationParticipantAttributes(unknownId, customerParticipantId, { attributes: {} }))).toMatchObject({ status: 404 });
    expect(await rejectionOf(conversations.patchConversationParticipantAttributes(conversationId, unknownId, { attributes: {} }))).toMatchObject({ status: 404 });
    const bad = { attributes: { count: 3 } } as unknown as ParticipantAttributes;
    expect(await rejectionOf(conversations.patchConversationParticipantAttributes(conversationId, customerParticipantId, bad))).toMatchObject({
      status: 400,
      message: 'attributes.count must be a string, not number.',
    });
  });

  it('keeps a session\'s callbacks to that session', async () => {
    const conversations = new platformClient.ConversationsApi(client);
    const created = await conversations.postConversationsCallbacks({ queueId: callbacks, callbackNumbers: ['+13175551234'] });
    const other = new platformClient.ConversationsApi(await loggedInClient('another-session'));
    const participantId = created.callbackIdentifiers[0]!.id;
    expect(await rejectionOf(other.patchConversationParticipantAttributes(created.conversation.id!, participantId, { attributes: { a: 'b' } }))).toMatchObject({ status: 404 });
  });
});
