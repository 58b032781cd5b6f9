// `summary: true` of POST /api/query and the conversation-details action: counts and totals over
// every conversation read, instead of the conversations. Pure: a tally that conversations are
// added to one at a time (pages are folded in as they arrive, nothing else is kept), and the
// summary object it gives.
//
// - conversations: conversations counted (deduplicated by conversationId before they get here).
// - by_queue / by_media_type: a conversation counts once for every distinct segment `queueId`
//   / session `mediaType` it has (a transfer between two queues counts in both; a conversation
//   with no queue is in no by_queue entry), so the counts may add up to more or less than
//   `conversations`.
// - by_direction: the conversation's `originatingDirection` (once each).
// - handle_time_ms: the sum of every session metric `tHandle` (talk + hold + after-call work of
//   each agent session); handled_conversations: conversations with one; avg_handle_time_ms:
//   handle_time_ms / handled_conversations, rounded.
// - wait_time_ms: the sum over sessions of `tAcd` (time waiting in a queue until answered,
//   abandoned or flowed out), or `tWait` for a session without tAcd; waited_conversations and
//   avg_wait_time_ms alike.
// The time fields are absent when no conversation read had such a metric. A map keeps its
// MAX_SUMMARY_KEYS largest counts; the rest are added up under "other".

/** Entries of a by_* map at most (the largest counts); the rest are summed under OTHER_KEY. */
export const MAX_SUMMARY_KEYS = 100;
export const OTHER_KEY = 'other';
/** A value longer than this is not an id Genesys gives: it is not counted. */
const MAX_KEY_CHARS = 200;

export type ConversationSummary = {
  conversations: number;
  handle_time_ms?: number;
  handled_conversations?: number;
  avg_handle_time_ms?: number;
  wait_time_ms?: number;
  waited_conversations?: number;
  avg_wait_time_ms?: number;
  by_direction: Record<string, number>;
  by_media_type: Record<string, number>;
  by_queue: Record<string, number>;
};

export interface SummaryTally {
  conversations: number;
  byQueue: Map<string, number>;
  byMediaType: Map<string, number>;
  byDirection: Map<string, number>;
  handleMs: number;
  handled: number;
  waitMs: number;
  waited: number;
}

export function newSummaryTally(): SummaryTally {
  return { conversations: 0, byQueue: new Map(), byMediaType: new Map(), byDirection: new Map(), handleMs: 0, handled: 0, waitMs: 0, waited: 0 };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectsIn = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isObject) : []);
const countable = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_KEY_CHARS;

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Sum of the session's metrics named `name`, undefined when it has none. */
function metricSum(session: Record<string, unknown>, name: string): number | undefined {
  let sum: number | undefined;
  for (const metric of objectsIn(session.metrics)) {
    if (metric.name === name && typeof metric.value === 'number' && Number.isFinite(metric.value) && metric.value >= 0) sum = (sum ?? 0) + metric.value;
  }
  return sum;
}

/** Adds one conversation (Genesys' AnalyticsConversationWithoutAttributes shape) to the tally. */
export function tallyConversation(tally: SummaryTally, conversation: Record<string, unknown>): void {
  tally.conversations++;
  const queues = new Set<string>();
  const mediaTypes = new Set<string>();
  let handleMs: number | undefined;
  let waitMs: number | undefined;
  for (const participant of objectsIn(conversation.participants)) {
    for (const session of objectsIn(participant.sessions)) {
      if (countable(session.mediaType)) mediaTypes.add(session.mediaType);
      for (const segment of objectsIn(session.segments)) if (countable(segment.queueId)) queues.add(segment.queueId);
      const handle = metricSum(session, 'tHandle');
      if (handle !== undefined) handleMs = (handleMs ?? 0) + handle;
      const wait = metricSum(session, 'tAcd') ?? metricSum(session, 'tWait');
      if (wait !== undefined) waitMs = (waitMs ?? 0) + wait;
    }
  }
  for (const queue of queues) increment(tally.byQueue, queue);
  for (const mediaType of mediaTypes) increment(tally.byMediaType, mediaType);
  if (countable(conversation.originatingDirection)) increment(tally.byDirection, conversation.originatingDirection);
  if (handleMs !== undefined) {
    tally.handleMs += handleMs;
    tally.handled++;
  }
  if (waitMs !== undefined) {
    tally.waitMs += waitMs;
    tally.waited++;
  }
}

/** Largest counts first (ties by key), at most MAX_SUMMARY_KEYS entries plus "other". */
function countsOf(map: Map<string, number>): Record<string, number> {
  const entries = [...map].sort(([keyA, a], [keyB, b]) => b - a || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0));
  if (entries.length <= MAX_SUMMARY_KEYS) return Object.fromEntries(entries);
  const kept = entries.slice(0, MAX_SUMMARY_KEYS - 1);
  const rest = entries.slice(MAX_SUMMARY_KEYS - 1).reduce((sum, [, count]) => sum + count, 0);
  // "other" may also be a real key among the rest: it is summed in, never lost.
  const otherKept = kept.findIndex(([key]) => key === OTHER_KEY);
  if (otherKept !== -1) kept.splice(otherKept, 1, [OTHER_KEY, kept[otherKept]![1] + rest]);
  else kept.push([OTHER_KEY, rest]);
  return Object.fromEntries(kept);
}

/** The summary object (`data` of a summary answer). Scalars first: they survive any byte budget. */
export function summaryOf(tally: SummaryTally): ConversationSummary {
  return {
    conversations: tally.conversations,
    ...(tally.handled > 0 ? { handle_time_ms: Math.round(tally.handleMs), handled_conversations: tally.handled, avg_handle_time_ms: Math.round(tally.handleMs / tally.handled) } : {}),
    ...(tally.waited > 0 ? { wait_time_ms: Math.round(tally.waitMs), waited_conversations: tally.waited, avg_wait_time_ms: Math.round(tally.waitMs / tally.waited) } : {}),
    by_direction: countsOf(tally.byDirection),
    by_media_type: countsOf(tally.byMediaType),
    by_queue: countsOf(tally.byQueue),
  };
}

/** The summary of a list of conversations at once. */
export function summarize(conversations: Iterable<Record<string, unknown>>): ConversationSummary {
  const tally = newSummaryTally();
  for (const conversation of conversations) tallyConversation(tally, conversation);
  return summaryOf(tally);
}
