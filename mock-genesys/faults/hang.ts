// `hang`: never answer. The socket stays open until the client gives up (or the server closes).
import { Type } from './params.js';
import { defineFault, takeSocket } from './fault.js';

export const hang = defineFault({
  kind: 'hang',
  params: Type.Object({}),
  needsBearerToken: false,
  apply({ reply, holdOpen }) {
    holdOpen(takeSocket(reply));
    return { type: 'answered', applied: 'hang' };
  },
});
