// `fixture`: answer with a recorded answer (status, headers, body) from MOCK_FIXTURES_DIR, as
// the pass-through recorder (MOCK_RECORD_DIR) saved it; a missing fixture is a 500 that names it.
import { Type } from './params.js';
import { errorBody } from '../genesys/errors.js';
import { sendErrorBody } from '../genesys/headers.js';
import { defineFault } from './fault.js';

export const fixture = defineFault({
  kind: 'fixture',
  params: Type.Object({
    fixture: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$', description: 'fixture: name of the recorded answer (file NAME.json in MOCK_FIXTURES_DIR).' }),
  }),
  needsBearerToken: false,
  apply({ reply, fixtures, contextId }, { fixture: name }) {
    const found = fixtures.get(name);
    if ('problem' in found) {
      sendErrorBody(reply, errorBody(500, { code: 'internal.server.error', message: `mock: ${found.problem}`, contextId }));
      return { type: 'answered', applied: 'fixture' };
    }
    reply.code(found.status).headers(found.headers);
    if (typeof found.body === 'string') reply.send(found.body);
    else reply.type(found.headers['content-type'] ?? 'application/json; charset=UTF-8').send(JSON.stringify(found.body));
    return { type: 'answered', applied: 'fixture' };
  },
});
