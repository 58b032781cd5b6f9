// `slow-body`: the normal status and headers at once, then the normal body dribbled out in
// small chunks spread over `duration_ms`.
import type { Readable } from 'node:stream';
import { Type } from './params.js';
import { bodyAfterHeaders, defineFault } from './fault.js';

export const DEFAULT_SLOW_BODY_DURATION_MS = 2_000;
/** One chunk every ~100 ms reads as "slow" to a client without a per-chunk timeout firing early. */
const CHUNK_INTERVAL_MS = 100;

export const slowBody = defineFault({
  kind: 'slow-body',
  params: Type.Object({
    duration_ms: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 600_000, default: DEFAULT_SLOW_BODY_DURATION_MS, description: 'slow-body: time to dribble the body over, in milliseconds.' }),
    ),
  }),
  needsBearerToken: false,
  apply(_context, { duration_ms: durationMs = DEFAULT_SLOW_BODY_DURATION_MS }) {
    return {
      type: 'continue',
      applied: 'slow-body',
      rewritePayload(payload, reply) {
        const chunkCount = Math.max(1, Math.min(payload.length, Math.ceil(durationMs / CHUNK_INTERVAL_MS)));
        const chunkBytes = Math.ceil(payload.length / chunkCount);
        const intervalMs = durationMs / chunkCount;
        let timer: NodeJS.Timeout | undefined;
        let sent = 0;
        const sendNext = (body: Readable): void => {
          const chunk = payload.subarray(sent, sent + chunkBytes);
          sent += chunk.length;
          body.push(chunk);
          if (sent >= payload.length) body.push(null);
          else timer = setTimeout(sendNext, intervalMs, body);
        };
        const start = (body: Readable): void => {
          timer = setTimeout(sendNext, intervalMs, body);
        };
        return bodyAfterHeaders(reply, start, () => clearTimeout(timer));
      },
    };
  },
});
