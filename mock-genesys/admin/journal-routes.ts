// Admin: the request journal, filtered by session, route, status and fault; and clearing it.
import type { JournalFilter } from '../journal.js';
import type { AdminRoutes } from './routes.js';

type JournalQuery = { session?: string; route?: string; status?: string; fault?: string };

function filterOf(query: JournalQuery): JournalFilter {
  const status = query.status !== undefined && /^\d{3}$/.test(query.status) ? Number(query.status) : undefined;
  return {
    ...(query.session !== undefined ? { session: query.session } : {}),
    ...(query.route !== undefined ? { route: query.route } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(query.fault !== undefined ? { fault: query.fault } : {}),
  };
}

export const journalRoutes: AdminRoutes = (admin, { runtime }) => {
  admin.get<{ Querystring: JournalQuery }>('/journal', async (request, reply) => {
    if (request.query.status !== undefined && !/^\d{3}$/.test(request.query.status)) {
      return reply.code(400).send({ status: 400, code: 'bad.request', message: `status must be a 3-digit HTTP status, got ${JSON.stringify(request.query.status.slice(0, 20))}` });
    }
    return { limit: runtime.journal.limit, entries: runtime.journal.entries(filterOf(request.query)) };
  });

  admin.delete('/journal', async (_request, reply) => {
    runtime.journal.clear();
    return reply.code(204).send();
  });
};
