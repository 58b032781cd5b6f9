// GET /api/v2/externalcontacts/contacts?q=…: the customers of the data set as Genesys
// external contacts. `q` is a phone number (any punctuation, `tel:` or not, with or without
// the +1 of a 10-digit US number) matched on the digits, or else words matched against names
// and emails; no `q` lists every contact. Paged like every Genesys listing.
import type { FastifyInstance } from 'fastify';
import { CUSTOMERS, HOME_DIVISION_ID, type Customer } from './catalog.js';
import { errorBody } from './errors.js';
import type { ApiGuard } from './guard.js';
import { sendErrorBody } from './headers.js';
import { listingOf, pagingOf, queryString, stringParam } from './listing.js';
import { EXTERNAL_CONTACTS_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

const MAX_CONTACTS_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;
const CONTACTS_CREATED = '2025-03-01T12:00:00.000Z';
const PHONE_LIKE = /^(tel:)?[\d\s+().-]+$/i;

/** The digits of a phone-like query in E.164 form without the `+` (10-digit US numbers get their 1), else undefined. */
export function phoneDigitsOf(q: string): string | undefined {
  if (!PHONE_LIKE.test(q.trim())) return undefined;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 7) return undefined;
  return digits.length === 10 && !q.trim().replace(/^tel:/i, '').startsWith('+') ? `1${digits}` : digits;
}

export function searchContacts(q: string | undefined, customers: readonly Customer[] = CUSTOMERS): Customer[] {
  if (q === undefined || q.trim() === '') return [...customers];
  const digits = phoneDigitsOf(q);
  if (digits !== undefined) return customers.filter((customer) => customer.phone.slice(1) === digits);
  const words = q.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return customers.filter((customer) => {
    const text = `${customer.firstName} ${customer.lastName} ${customer.email}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function externalContactOf(customer: Customer): Record<string, unknown> {
  const national = customer.phone.slice(2);
  return {
    id: customer.id,
    division: { id: HOME_DIVISION_ID, name: 'Home', selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION_ID}` },
    firstName: customer.firstName,
    lastName: customer.lastName,
    cellPhone: { display: `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`, e164: customer.phone, countryCode: 'US' },
    personalEmail: customer.email,
    type: 'Curated',
    createDate: CONTACTS_CREATED,
    modifyDate: CONTACTS_CREATED,
    selfUri: `${EXTERNAL_CONTACTS_PATH}/${customer.id}`,
  };
}

export function registerExternalContactRoutes(app: FastifyInstance, guard: ApiGuard): void {
  app.get(EXTERNAL_CONTACTS_PATH, { config: routeConfig('contact-by-phone'), preHandler: guard }, async (request, reply) => {
    const params = (request.query ?? {}) as Record<string, unknown>;
    const paging = pagingOf(params, MAX_CONTACTS_PAGE_SIZE);
    if (typeof paging === 'string') return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: paging }));
    const q = stringParam(params.q);
    if (q !== undefined && q.length > MAX_QUERY_LENGTH) {
      return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: `q must be at most ${MAX_QUERY_LENGTH} characters.` }));
    }
    const found = searchContacts(q).map(externalContactOf);
    return listingOf(found, paging, (pageNumber) => EXTERNAL_CONTACTS_PATH + queryString({ pageSize: paging.pageSize, pageNumber, q }));
  });
}
