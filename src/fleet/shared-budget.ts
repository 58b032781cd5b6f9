// The retry budget shared by the fleet, per upstream context. In one process the budget counts
// requests and retries in flight (Envoy); in-flight counters cannot be shared safely by replicas
// that may crash mid-request, so the fleet counts requests and retries started over a sliding
// window of whole seconds (Finagle's budget): a retry is admitted while the fleet's retries in the
// window stay under max(minRetries, ratio × requests). Buckets expire by themselves.
import type { RedisLink } from './redis-link.js';

export interface SharedBudgetOptions {
  link: RedisLink;
  ratio: number;
  minRetries: number;
  /** Length of the counting window. */
  windowSeconds: number;
}

// KEYS[1] requests prefix, KEYS[2] retries prefix; ARGV: ratio, minRetries, windowSeconds.
// Sums the window's buckets with the server's clock; admits and counts one retry, or refuses.
const TRY_RETRY = `
local now = tonumber(redis.call('TIME')[1])
local window = tonumber(ARGV[3])
local requests, retries = 0, 0
for s = now - window + 1, now do
  requests = requests + tonumber(redis.call('GET', KEYS[1] .. s) or '0')
  retries = retries + tonumber(redis.call('GET', KEYS[2] .. s) or '0')
end
if retries >= math.max(tonumber(ARGV[2]), tonumber(ARGV[1]) * requests) then return 0 end
redis.call('INCR', KEYS[2] .. now)
redis.call('EXPIRE', KEYS[2] .. now, window + 1)
return 1
`;

// KEYS[1] requests prefix; ARGV[1] windowSeconds.
const COUNT_REQUEST = `
local now = tonumber(redis.call('TIME')[1])
redis.call('INCR', KEYS[1] .. now)
redis.call('EXPIRE', KEYS[1] .. now, tonumber(ARGV[1]) + 1)
return 1
`;

export class SharedRetryBudget {
  readonly #options: SharedBudgetOptions;

  constructor(options: SharedBudgetOptions) {
    this.#options = options;
  }

  /** Counts a request for the fleet's ratio; false when Redis did not take it. */
  async countRequest(context: string): Promise<boolean> {
    const { link, windowSeconds } = this.#options;
    return (await link.run((client) => client.eval(COUNT_REQUEST, 1, link.key('budget-req', context, ''), windowSeconds))) !== undefined;
  }

  /** Admits one retry fleet-wide: true or false; undefined when Redis cannot say (use the local budget). */
  async tryRetry(context: string): Promise<boolean | undefined> {
    const { link, ratio, minRetries, windowSeconds } = this.#options;
    const admitted = await link.run(
      (client) => client.eval(TRY_RETRY, 2, link.key('budget-req', context, ''), link.key('budget-retry', context, ''), ratio, minRetries, windowSeconds) as Promise<number>,
    );
    return admitted === undefined ? undefined : admitted === 1;
  }
}
