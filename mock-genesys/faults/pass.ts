// `pass`: the normal answer (after the step's delay), with any extra headers of the step.
import type { Fault } from './fault.js';

export const pass: Fault = {
  apply({ reply, step }) {
    if (step.headers) reply.headers(step.headers);
    return { type: 'continue', applied: 'pass' };
  },
};
