// `slow-body`: the normal status and headers at once, then the normal body dribbled out in
// small chunks spread over `duration_ms`.
import { Readable } from 'node:stream';
import { Type } from './params.js';
import { defineFault } from './fault.js';

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
        const response = reply.raw;
        let sent = 0;
        let timer: NodeJS.Timeout | undefined;
        let started = false;
        return new Readable({
          read() {
            if (started) return;
            started = true;
            response.flushHeaders();
            const sendNext = (): void => {
              const chunk = payload.subarray(sent, sent + chunkBytes);
              sent += chunk.length;
              this.push(chunk);
              if (sent >= payload.length) this.push(null);
              else timer = setTimeout(sendNext, intervalMs);
            };
            timer = setTimeout(sendNext, intervalMs);
          },
          destroy(error, callback) {
            clearTimeout(timer);
            callback(error);
          },
        });
      },
    };
  },
});
