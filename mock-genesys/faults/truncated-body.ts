// `truncated-body`: the normal status and headers, content-length of the full body, but only
// `fraction` of the body is sent before the connection closes.
import { Readable } from 'node:stream';
import { Type } from './params.js';
import { defineFault } from './fault.js';

export const DEFAULT_TRUNCATED_FRACTION = 0.5;

export const truncatedBody = defineFault({
  kind: 'truncated-body',
  params: Type.Object({
    fraction: Type.Optional(
      Type.Number({ minimum: 0, exclusiveMaximum: 1, default: DEFAULT_TRUNCATED_FRACTION, description: 'truncated-body: part of the body sent (0 ≤ fraction < 1).' }),
    ),
  }),
  needsBearerToken: false,
  apply(_context, { fraction = DEFAULT_TRUNCATED_FRACTION }) {
    return {
      type: 'continue',
      applied: 'truncated-body',
      rewritePayload(payload, reply) {
        const sentBytes = Math.floor(payload.length * fraction);
        const response = reply.raw;
        let started = false;
        return new Readable({
          read() {
            if (started) return;
            started = true;
            // Headers go out even when no body byte does.
            response.flushHeaders();
            if (sentBytes > 0) this.push(payload.subarray(0, sentBytes));
            // After the prefix reached the socket's buffer, end the connection (FIN after the flush).
            setImmediate(() => response.socket?.end());
          },
        });
      },
    };
  },
});
