// `truncated-body`: the normal status and headers, content-length of the full body, but only
// `fraction` of the body is sent before the connection closes.
import { Type } from './params.js';
import { bodyAfterHeaders, defineFault } from './fault.js';

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
        return bodyAfterHeaders(reply, (body) => {
          if (sentBytes > 0) body.push(payload.subarray(0, sentBytes));
          // After the prefix reached the socket's buffer, end the connection (FIN after the flush).
          setImmediate(() => reply.raw.socket?.end());
        });
      },
    };
  },
});
