// The fixed directory of the mock's synthetic org: queues, agents (users), customers
// (external contacts), data tables, division and the org itself. Ids are constants (not
// seeded) so tests, scenarios and flow designers can rely on them; mock-genesys/README.md
// lists them under "Data set ids".

export interface Queue {
  id: string;
  name: string;
}

export interface Agent {
  userId: string;
  name: string;
}

/** Genesys' user routing statuses (RoutingStatus.status). */
export type RoutingStatusValue = 'OFF_QUEUE' | 'IDLE' | 'INTERACTING' | 'NOT_RESPONDING' | 'COMMUNICATING';
/** Genesys' system presences (PresenceDefinition.systemPresence) the mock uses. */
export type SystemPresence = 'Available' | 'Away' | 'Busy' | 'Offline' | 'Idle' | 'On Queue' | 'Meal' | 'Training' | 'Meeting' | 'Break';

/** What an agent is doing right now: fixed, so flows and scenarios can rely on it. */
export interface AgentLiveState {
  routingStatus: RoutingStatusValue;
  presence: SystemPresence;
  /** The queues the agent is a member of. */
  queueIds: readonly string[];
}

export const HOME_DIVISION_ID = '5b0d1f2e-8a4c-4c1e-9d3f-0a1b2c3d4e5f';

export const QUEUES = [
  { id: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a01', name: 'Support' },
  { id: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a02', name: 'Sales' },
  { id: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a03', name: 'Billing' },
  { id: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a04', name: 'Callbacks' },
  { id: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a05', name: 'VIP' },
] as const satisfies readonly Queue[];

export const CALLBACKS_QUEUE_ID = QUEUES[3].id;

export const AGENTS = [
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c01', name: 'Ada Lovelace' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c02', name: 'Grace Hopper' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c03', name: 'Alan Turing' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c04', name: 'Edsger Dijkstra' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c05', name: 'Barbara Liskov' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c06', name: 'Donald Knuth' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c07', name: 'Margaret Hamilton' },
  { userId: 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c08', name: 'Ken Thompson' },
] as const satisfies readonly Agent[];

const [SUPPORT, SALES, BILLING, CALLBACKS, VIP] = QUEUES.map((queue) => queue.id) as [string, string, string, string, string];

/** Per agent (same order as AGENTS): routing status, presence and queue memberships. */
export const AGENT_LIVE_STATES: Readonly<Record<string, AgentLiveState>> = {
  [AGENTS[0].userId]: { routingStatus: 'IDLE', presence: 'On Queue', queueIds: [SUPPORT, BILLING, CALLBACKS] },
  [AGENTS[1].userId]: { routingStatus: 'INTERACTING', presence: 'On Queue', queueIds: [SUPPORT, SALES] },
  [AGENTS[2].userId]: { routingStatus: 'OFF_QUEUE', presence: 'Available', queueIds: [SUPPORT, VIP] },
  [AGENTS[3].userId]: { routingStatus: 'OFF_QUEUE', presence: 'Offline', queueIds: [BILLING] },
  [AGENTS[4].userId]: { routingStatus: 'NOT_RESPONDING', presence: 'On Queue', queueIds: [SALES, CALLBACKS] },
  [AGENTS[5].userId]: { routingStatus: 'IDLE', presence: 'On Queue', queueIds: [SALES, VIP, CALLBACKS] },
  [AGENTS[6].userId]: { routingStatus: 'COMMUNICATING', presence: 'On Queue', queueIds: [SUPPORT, BILLING] },
  [AGENTS[7].userId]: { routingStatus: 'OFF_QUEUE', presence: 'Break', queueIds: [SUPPORT, SALES, VIP] },
};

/** Interactions waiting in each queue right now, and how long the oldest has waited. */
export const QUEUE_WAITING: Readonly<Record<string, { waiting: number; longestWaitingMs: number; averageHandleS: number }>> = {
  [SUPPORT]: { waiting: 4, longestWaitingMs: 185_000, averageHandleS: 240 },
  [SALES]: { waiting: 1, longestWaitingMs: 42_000, averageHandleS: 300 },
  [BILLING]: { waiting: 0, longestWaitingMs: 0, averageHandleS: 180 },
  [CALLBACKS]: { waiting: 6, longestWaitingMs: 900_000, averageHandleS: 200 },
  [VIP]: { waiting: 2, longestWaitingMs: 65_000, averageHandleS: 360 },
};

/** A customer: an external contact whose number (and email) appear in conversations. */
export interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  /** E.164, e.g. +13175551234; `tel:` + this is the ani of the customer's calls. */
  phone: string;
  email: string;
}

const FIRST_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Levi', 'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'James', 'Luna', 'Leo'];
const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris'];

export const CUSTOMER_COUNT = 500;

/**
 * The customers: a fixed list (not seeded), so a documented number is always a contact.
 * Numbers are +1317555NNNN with NNNN = (7919·i + 1234) mod 10000, distinct for i < 10000.
 */
export const CUSTOMERS: readonly Customer[] = Array.from({ length: CUSTOMER_COUNT }, (_, index) => {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length] as string;
  const lastName = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] as string;
  const line = String((7919 * index + 1234) % 10_000).padStart(4, '0');
  return {
    id: `e7c0a3d2-4b5f-4a6e-9c8d-${String(index + 1).padStart(12, '0')}`,
    firstName,
    lastName,
    phone: `+1317555${line}`,
    email: `${firstName}.${lastName}${index + 1}@example.com`.toLowerCase(),
  };
});

/** A number no customer has (contact-by-phone finds nothing). */
export const UNKNOWN_PHONE_NUMBER = '+14155550000';

/** A data table: its schema's properties (besides `key`) and its rows by key. */
export interface DataTableDefinition {
  id: string;
  name: string;
  description: string;
  properties: Readonly<Record<string, { type: 'string' | 'integer' | 'number' | 'boolean'; title: string }>>;
  rows: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;
}

export const DATA_TABLES: readonly DataTableDefinition[] = [
  {
    id: 'd47a7ab1-0c3e-4f6a-9b2d-7e8f9a0b1d01',
    name: 'Holiday Hours',
    description: 'Opening hours by date, read by the inbound flow',
    properties: {
      open: { type: 'boolean', title: 'open' },
      opensAt: { type: 'string', title: 'opensAt' },
      closesAt: { type: 'string', title: 'closesAt' },
      message: { type: 'string', title: 'message' },
    },
    rows: {
      '2026-12-24': { open: true, opensAt: '09:00', closesAt: '13:00', message: 'We close early on Christmas Eve.' },
      '2026-12-25': { open: false, opensAt: '', closesAt: '', message: 'We are closed for Christmas Day.' },
      '2026-12-31': { open: true, opensAt: '09:00', closesAt: '15:00', message: "We close early on New Year's Eve." },
      '2027-01-01': { open: false, opensAt: '', closesAt: '', message: "We are closed for New Year's Day." },
    },
  },
  {
    id: 'd47a7ab1-0c3e-4f6a-9b2d-7e8f9a0b1d02',
    name: 'VIP Accounts',
    description: 'Accounts routed to the VIP queue, keyed by account number',
    properties: {
      accountName: { type: 'string', title: 'accountName' },
      tier: { type: 'string', title: 'tier' },
      priority: { type: 'integer', title: 'priority' },
      queueId: { type: 'string', title: 'queueId' },
    },
    rows: {
      'ACME-001': { accountName: 'Acme Corporation', tier: 'platinum', priority: 10, queueId: VIP },
      'GLOBEX-002': { accountName: 'Globex', tier: 'gold', priority: 5, queueId: VIP },
      'INITECH-003': { accountName: 'Initech', tier: 'silver', priority: 1, queueId: SUPPORT },
    },
  },
];

/**
 * A conversation in progress (a caller in the Support queue's flow), so a flow's
 * set-participant-data has a conversation and participants to write to. Callbacks created
 * through the mock are live conversations too (per x-mock-session).
 */
export const LIVE_CONVERSATION = {
  conversationId: '3c0a5e6f-7b8c-4d9e-8f0a-1b2c3d4e5f60',
  customerParticipantId: '3c0a5e6f-7b8c-4d9e-8f0a-1b2c3d4e5f61',
  acdParticipantId: '3c0a5e6f-7b8c-4d9e-8f0a-1b2c3d4e5f62',
} as const;

/** The org's main number, the `dnis` of inbound voice conversations. */
export const ORG_PHONE_NUMBER = 'tel:+13175550100';

export const ORGANIZATION = {
  id: 'c0ffee00-1234-4abc-9def-0123456789ab',
  name: 'Mock Genesys Org',
  defaultLanguage: 'en-us',
  defaultCountryCode: 'US',
  thirdPartyOrgName: 'mock-genesys-org',
  thirdPartyURI: 'https://mock-genesys-org.example.invalid',
  domain: 'mock-genesys-org',
  version: 42,
  state: 'active',
  defaultSiteId: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
  supportURI: 'https://help.mypurecloud.com',
  voicemailEnabled: true,
  productPlatform: 'PureCloud',
  features: {},
  selfUri: '/api/v2/organizations/c0ffee00-1234-4abc-9def-0123456789ab',
} as const;
