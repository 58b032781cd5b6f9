// `random-bytes`: bytes that are not HTTP, then close; the client's HTTP parser fails.
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { takeSocket, type Fault } from './fault.js';

export const DEFAULT_RANDOM_BYTES = 64;

export const randomBytes: Fault = {
  apply({ reply, step }) {
    const bytes = cryptoRandomBytes(step.bytes ?? DEFAULT_RANDOM_BYTES);
    // A leading byte that cannot start "HTTP/" keeps the garbage from ever parsing as a status line.
    bytes[0] = 0x00;
    takeSocket(reply).end(bytes);
    return { type: 'answered', applied: 'random-bytes' };
  },
};
