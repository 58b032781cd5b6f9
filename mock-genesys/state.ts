// State shared by the Genesys routes and the fault engine of one mock instance.
import type { MockConfig } from './config.js';
import { RateLimiter } from './genesys/rate-limiter.js';
import { TokenStore } from './genesys/token-store.js';

export interface MockState {
  tokens: TokenStore;
  /** Per-token limit of MOCK_RATE_LIMIT_PER_MIN; undefined when it is 0 (off). */
  rateLimiter: RateLimiter | undefined;
}

export function createMockState(config: MockConfig): MockState {
  return {
    tokens: new TokenStore(),
    rateLimiter: config.rateLimitPerMin > 0 ? new RateLimiter(config.rateLimitPerMin) : undefined,
  };
}
