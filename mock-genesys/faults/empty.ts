// `empty`: close the connection (FIN) without sending a single response byte.
import { takeSocket, type Fault } from './fault.js';

export const empty: Fault = {
  apply({ reply }) {
    takeSocket(reply).end();
    return { type: 'answered', applied: 'empty' };
  },
};
