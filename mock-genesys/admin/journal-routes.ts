// Admin: the request journal (optionally one x-mock-session's part), and clearing it.
import type { AdminRoutes } from './routes.js';

export const journalRoutes: AdminRoutes = (admin, { runtime }) => {
  admin.get<{ Querystring: { session?: string } }>('/journal', async (request) => {
    const session = request.query.session;
    return { limit: runtime.journal.limit, entries: runtime.journal.entries(session === undefined ? {} : { session }) };
  });

  admin.delete('/journal', async (_request, reply) => {
    runtime.journal.clear();
    return reply.code(204).send();
  });
};
