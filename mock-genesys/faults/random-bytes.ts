// `random-bytes`: bytes that are not HTTP, then close; the client's HTTP parser fails.
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { Type } from './params.js';
import { defineFault, takeSocket } from './fault.js';

export const DEFAULT_RANDOM_BYTES = 64;

export const randomBytes = defineFault({
  kind: 'random-bytes',
  params: Type.Object({
    bytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_048_576, default: DEFAULT_RANDOM_BYTES, description: 'random-bytes: how many bytes to send.' })),
  }),
  needsBearerToken: false,
  apply({ reply }, { bytes = DEFAULT_RANDOM_BYTES }) {
    const garbage = cryptoRandomBytes(bytes);
    // A leading byte that cannot start "HTTP/" keeps the garbage from ever parsing as a status line.
    garbage[0] = 0x00;
    takeSocket(reply).end(garbage);
    return { type: 'answered', applied: 'random-bytes' };
  },
});
