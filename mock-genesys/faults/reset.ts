// `reset`: a real TCP reset (RST); the client sees ECONNRESET.
import { Type } from './params.js';
import { defineFault, takeSocket } from './fault.js';

export const reset = defineFault({
  kind: 'reset',
  params: Type.Object({}),
  needsBearerToken: false,
  apply({ reply }) {
    const socket = takeSocket(reply);
    // inject()'s simulated socket has no RST to send; a real net.Socket always does.
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
    return { type: 'answered', applied: 'reset' };
  },
});
