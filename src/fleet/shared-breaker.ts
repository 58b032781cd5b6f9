// The circuit breaker's state shared by the fleet, per upstream context, so N replicas amplify an
// outage no more than one: failures are counted fleet-wide (consecutive: any success resets),
// the replica whose failure reaches the threshold opens the circuit for everyone (a key that
// expires with the cool-down, announced on a channel), and after the cool-down one probe for the
// whole fleet is let through. Replicas keep a local mirror fed by the channel, so the hot path
// never waits on Redis to know the circuit is closed.
import type { Redis } from 'ioredis';
import type { RedisLink } from './redis-link.js';

export interface SharedBreakerOptions {
  link: RedisLink;
  failureThreshold: number;
  cooldownMs: number;
  /** Called when any replica opens the circuit of `context`, with the cool-down left. */
  onOpened: (context: string, remainingMs: number) => void;
}

// KEYS[1] failures, KEYS[2] open flag; ARGV: threshold, cooldownMs, channel, context.
// Returns the cool-down left when this failure opened the circuit (or it was open), else 0.
const RECORD_FAILURE = `
local open = redis.call('PTTL', KEYS[2])
if open > 0 then return open end
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 10)
if n < tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. '\\n' .. ARGV[2])
return tonumber(ARGV[2])
`;

export class SharedBreakerState {
  readonly #options: SharedBreakerOptions;
  #subscriber: Redis | undefined;

  constructor(options: SharedBreakerOptions) {
    this.#options = options;
  }

  get #channel(): string {
    return this.#options.link.key('breaker-opened');
  }

  /** Starts listening for circuits other replicas open (a second connection: subscriber mode). */
  async listen(): Promise<void> {
    const subscriber = this.#options.link.client.duplicate({ enableOfflineQueue: true });
    subscriber.on('error', () => {});
    subscriber.on('message', (_channel: string, message: string) => {
      const [context, remaining] = message.split('\n');
      if (context !== undefined && remaining !== undefined) this.#options.onOpened(context, Number(remaining));
    });
    await subscriber.subscribe(this.#channel).catch(() => undefined); // retried by ioredis on reconnect
    this.#subscriber = subscriber;
  }

  /** Counts a failed attempt fleet-wide; the cool-down left when the circuit is (now) open, 0 when closed, undefined without Redis. */
  async recordFailure(context: string): Promise<number | undefined> {
    const { link, failureThreshold, cooldownMs } = this.#options;
    const keys = [link.key('breaker-failures', context), link.key('breaker-open', context)];
    const result = await link.run((client) => client.eval(RECORD_FAILURE, 2, ...keys, failureThreshold, cooldownMs, this.#channel, context) as Promise<number>);
    return result === undefined ? undefined : Number(result);
  }

  /** A healthy answer resets the fleet's consecutive failures. */
  async recordSuccess(context: string): Promise<void> {
    const { link } = this.#options;
    await link.run((client) => client.del(link.key('breaker-failures', context)));
  }

  /** The cool-down left of an open circuit (0 when closed); undefined without Redis. */
  async openForMs(context: string): Promise<number | undefined> {
    const { link } = this.#options;
    const ttl = await link.run((client) => client.pttl(link.key('breaker-open', context)));
    return ttl === undefined ? undefined : Math.max(0, ttl);
  }

  /** The fleet's probe failed: open again for a whole cool-down, for everyone. */
  async probeFailed(context: string): Promise<void> {
    const { link, cooldownMs } = this.#options;
    await link.run((client) =>
      client
        .multi()
        .set(link.key('breaker-open', context), '1', 'PX', cooldownMs)
        .del(link.key('breaker-probe', context))
        .publish(this.#channel, `${context}\n${cooldownMs}`)
        .exec(),
    );
  }

  /** The fleet's probe succeeded: the circuit is closed for everyone. */
  async probeSucceeded(context: string): Promise<void> {
    const { link } = this.#options;
    await link.run((client) => client.del(link.key('breaker-probe', context), link.key('breaker-failures', context)));
  }

  /** Claims the fleet's one probe after a cool-down; undefined without Redis. */
  async claimProbe(context: string, leaseMs: number): Promise<boolean | undefined> {
    const { link } = this.#options;
    const won = await link.run((client) => client.set(link.key('breaker-probe', context), '1', 'PX', leaseMs, 'NX'));
    return won === undefined ? undefined : won === 'OK';
  }

  /** Gives back a probe whose attempt never ran. */
  async releaseProbe(context: string): Promise<void> {
    const { link } = this.#options;
    await link.run((client) => client.del(link.key('breaker-probe', context)));
  }

  async close(): Promise<void> {
    this.#subscriber?.disconnect();
  }
}
