// `pass`: the normal answer (after the step's delay), with any extra headers of the step.
import { Type } from './params.js';
import { defineFault } from './fault.js';
import { headersParam } from './headers-param.js';

export const pass = defineFault({
  kind: 'pass',
  params: Type.Object({ headers: headersParam('pass') }),
  needsBearerToken: false,
  apply({ reply }, { headers }) {
    if (headers) reply.headers(headers);
    return { type: 'continue', applied: 'pass' };
  },
});
