// A real redis-server for one test file, and the Redis links the fleet's replicas would hold.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedis, type RunningRedis } from '../../harness/redis.js';
import { RedisLink, type RedisLinkOptions } from '../../src/fleet/redis-link.js';

export interface FileRedis {
  readonly url: string;
  /** SIGKILL, as a crash or a network cut would be. */
  kill(): Promise<void>;
  /** Up again on the same port, empty. */
  restart(): Promise<void>;
  /** `count` links to this server ("replicas"), each already sharing; closed after the test. */
  links(count: number, options: Omit<RedisLinkOptions, 'url'>): Promise<RedisLink[]>;
  /** One such link. */
  link(options: Omit<RedisLinkOptions, 'url'>): Promise<RedisLink>;
}

/** Call once per file: redis-server starts before its tests and stops after them. */
export function redisForFile(): FileRedis {
  let server: RunningRedis | undefined;
  const open: RedisLink[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(async () => {
    for (const link of open.splice(0)) await link.close();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const running = (): RunningRedis => {
    if (server === undefined) throw new Error('redis-server starts in beforeAll: use it inside a test');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    kill: () => running().kill(),
    restart: () => running().restart(),
    async links(count, options) {
      const links = Array.from({ length: count }, () => new RedisLink({ ...options, url: running().url }));
      open.push(...links);
      for (const link of links) {
        if (!(await link.whenShared(5000))) throw new Error(`a Redis link to ${running().url} was not shared within 5 s`);
      }
      return links;
    },
    async link(options) {
      const [link] = await this.links(1, options);
      return link!;
    },
  };
}
