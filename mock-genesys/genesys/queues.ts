// GET /api/v2/routing/queues: the mock org's queues, paged like Genesys entity listings,
// with the `name` filter (case-insensitive, `*` wildcards at either end).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HOME_DIVISION_ID, QUEUES, type Queue } from './catalog.js';
import { errorBody } from './errors.js';
import { sendErrorBody } from './headers.js';
import { QUEUES_PATH } from './paths.js';
import { wholeParam } from './listing.js';
import { routeConfig } from './route-ids.js';

const MAX_QUEUE_PAGE_SIZE = 500;

export interface QueueListing {
  entities: Array<Queue & { division: { id: string; name: string; selfUri: string }; selfUri: string }>;
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
}

export type QueueListingVerdict = { ok: true; listing: QueueListing } | { ok: false; message: string };

export function listQueues(params: Record<string, unknown>, queues: readonly Queue[] = QUEUES): QueueListingVerdict {
  const pageSize = wholeParam(params.pageSize, 'pageSize', 25, 1, MAX_QUEUE_PAGE_SIZE);
  if (typeof pageSize === 'string') return { ok: false, message: pageSize };
  const pageNumber = wholeParam(params.pageNumber, 'pageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNumber === 'string') return { ok: false, message: pageNumber };
  const name = typeof params.name === 'string' ? params.name : undefined;

  const matching = name === undefined ? queues : queues.filter((queue) => nameMatches(queue.name, name));
  const total = matching.length;
  const pageCount = Math.ceil(total / pageSize);
  const uri = (page: number): string => `${QUEUES_PATH}?pageSize=${pageSize}&pageNumber=${page}${name === undefined ? '' : `&name=${encodeURIComponent(name)}`}`;
  const from = (pageNumber - 1) * pageSize;
  const listing: QueueListing = {
    entities: matching.slice(from, from + pageSize).map((queue) => ({
      id: queue.id,
      name: queue.name,
      division: { id: HOME_DIVISION_ID, name: 'Home', selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION_ID}` },
      selfUri: `${QUEUES_PATH}/${queue.id}`,
    })),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    lastUri: uri(Math.max(1, pageCount)),
  };
  if (pageNumber < pageCount) listing.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) listing.previousUri = uri(pageNumber - 1);
  return { ok: true, listing };
}

/** Genesys' queue name filter: exact (case-insensitive) unless it starts or ends with `*`. */
function nameMatches(queueName: string, filter: string): boolean {
  const name = queueName.toLowerCase();
  const wanted = filter.toLowerCase();
  const prefix = wanted.endsWith('*');
  const suffix = wanted.startsWith('*');
  const core = wanted.replace(/^\*+|\*+$/g, '');
  if (prefix && suffix) return name.includes(core);
  if (prefix) return name.startsWith(core);
  if (suffix) return name.endsWith(core);
  return name === core;
}

export function registerQueueRoutes(
  app: FastifyInstance,
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>,
): void {
  app.get(QUEUES_PATH, { config: routeConfig('queues'), preHandler: guard }, async (request, reply) => {
    const verdict = listQueues((request.query ?? {}) as Record<string, unknown>);
    if (!verdict.ok) return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: verdict.message }));
    return verdict.listing;
  });
}
