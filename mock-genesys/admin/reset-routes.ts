// Admin: forget call counts, the journal, token revocations and rate limits (the active scenario stays).
import type { AdminRoutes } from './routes.js';

export const resetRoutes: AdminRoutes = (admin, { runtime }) => {
  admin.post('/reset', async (request) => {
    runtime.reset();
    request.log.info('mock state reset');
    return { reset: ['call_counts', 'journal', 'token_revocations', 'rate_limits'] };
  });
};
