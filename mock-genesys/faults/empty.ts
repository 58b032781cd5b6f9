// `empty`: close the connection (FIN) without sending a single response byte.
import { Type } from './params.js';
import { defineFault, takeSocket } from './fault.js';

export const empty = defineFault({
  kind: 'empty',
  params: Type.Object({}),
  needsBearerToken: false,
  apply({ reply }) {
    takeSocket(reply).end();
    return { type: 'answered', applied: 'empty' };
  },
});
