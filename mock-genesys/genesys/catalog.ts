// The fixed directory of the mock's synthetic org: queues, agents, division and the org
// itself. Ids are constants so tests, scenarios and flow designers can rely on them.

export interface Queue {
  id: string;
  name: string;
}

export interface Agent {
  userId: string;
  name: string;
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
