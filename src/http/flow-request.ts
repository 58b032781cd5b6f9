// The life of one flow request (POST /api/query, POST /api/actions/{name}): its deadline (the
// envelope's margin taken off), its tally of upstream attempts,
// and one abort signal that fires when the caller hangs up or the answer has been given, so no
// work outlives the request.
import type { FastifyReply } from 'fastify';
import type { RequestTally } from '../engine/call.js';
import type { Clock } from '../engine/clock.js';
import { processLag } from '../engine/lag.js';
import type { OutcomeMeta } from '../envelope.js';
import { waitedMs } from './arrival.js';
import { envelopeQueue } from './envelope-queue.js';

/**
 * Time kept between the loop's end and the caller's deadline for building and sending the
 * envelope. Callers time from their own send, so network and event-loop lag under load
 * come out of this margin too.
 */
export const ENVELOPE_MARGIN_MS = 250;

/** The abort reason of every answered request: one object, not a stack trace captured per request. */
const ANSWERED = new Error('the request has been answered');

export interface FlowRequest {
  deadlineMs: number;
  /** clock.now() by which the work must be done. */
  deadlineAt: number;
  signal: AbortSignal;
  tally: RequestTally;
  /** The envelope's attempts, elapsed time, correlation id and last body. */
  meta(): OutcomeMeta;
  /**
   * `work`'s result, or `late()`'s if the work is still running shortly after the deadline
   * (a safety net: the engine is built to finish first; under event-loop lag the timer is set
   * earlier by the recent lag, so it does not fire late). The signal aborts either way.
   */
  answer<T>(work: Promise<T>, late: () => T): Promise<T>;
}

export function startFlowRequest(reply: FastifyReply, deadlineMs: number, clock: Clock): FlowRequest {
  // From when the request arrived: under a burst it may have waited unseen, behind the loop's
  // other work, before Node parsed it (arrival.ts).
  const startedAt = clock.now() - reply.elapsedTime - waitedMs(reply.request.raw);
  // Under event-loop lag timers fire late: the work's deadline (and so the safety net's) comes
  // earlier by the recent lag, so the engine ends with its own cause (e.g. upstream_timeout)
  // and the envelope still leaves in time.
  const lagAllowanceMs = processLag().allowanceMs;
  const deadlineAt = startedAt + deadlineMs - ENVELOPE_MARGIN_MS - lagAllowanceMs;
  const controller = new AbortController();
  const requestId = String(reply.request.id);
  const tally: RequestTally = { attempts: 0 };
  // The response closing before it was written means the caller left: stop its work.
  const onClose = (): void => {
    if (!reply.raw.writableEnded) controller.abort(new Error('the caller closed the connection'));
  };
  reply.raw.on('close', onClose);

  return {
    deadlineMs,
    deadlineAt,
    signal: controller.signal,
    tally,
    meta: () => ({
      attempts: tally.attempts,
      elapsedMs: clock.now() - startedAt,
      correlationId: tally.correlationId ?? requestId,
      ...(tally.lastBody !== undefined ? { lastBody: tally.lastBody } : {}),
    }),
    answer: async <T>(work: Promise<T>, late: () => T): Promise<T> => {
      // The safety net of every request is one queue: when many are due together it starts
      // early enough to write each envelope by its own time, and it takes the lag off when it
      // answers rather than now (envelope-queue.ts).
      let cancel: (() => void) | undefined;
      const lateAnswer = new Promise<T>((resolve) => {
        cancel = envelopeQueue().schedule(deadlineAt + lagAllowanceMs + ENVELOPE_MARGIN_MS / 2, () => resolve(late()));
      });
      try {
        return await Promise.race([work, lateAnswer]);
      } finally {
        cancel?.();
        reply.raw.off('close', onClose);
        controller.abort(ANSWERED);
      }
    },
  };
}
