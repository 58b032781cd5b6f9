// `hang`: never answer. The socket stays open until the client gives up (or the server closes).
import { takeSocket, type Fault } from './fault.js';

export const hang: Fault = {
  apply({ reply, holdOpen }) {
    holdOpen(takeSocket(reply));
    return { type: 'answered', applied: 'hang' };
  },
};
