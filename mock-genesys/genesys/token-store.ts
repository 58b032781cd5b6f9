// Access tokens the mock has issued. Revocation and expiry injected by a scenario are
// scoped to one x-mock-session, so a fault in one test run never leaks into another.
import { randomBytes } from 'node:crypto';

export type TokenStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

interface IssuedToken {
  expiresAtMs: number;
}

export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  /** `${session}\n${token}` pairs a scenario revoked. */
  readonly #revoked = new Set<string>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(ttlSeconds: number): { token: string } {
    this.#dropExpired();
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { expiresAtMs: this.#now() + ttlSeconds * 1000 });
    return { token };
  }

  status(token: string, session: string): TokenStatus {
    const issued = this.#tokens.get(token);
    if (!issued) return 'unknown';
    if (this.#revoked.has(`${session}\n${token}`)) return 'revoked';
    return issued.expiresAtMs <= this.#now() ? 'expired' : 'valid';
  }

  /** Later calls with this token in this session get 401 bad.credentials. */
  revoke(token: string, session: string): void {
    this.#revoked.add(`${session}\n${token}`);
  }

  /** Forget revocations (admin reset); issued tokens stay valid. */
  resetRevocations(): void {
    this.#revoked.clear();
  }

  get size(): number {
    return this.#tokens.size;
  }

  // Bounded memory: expired tokens are never valid again, so forget them.
  #dropExpired(): void {
    if (this.#tokens.size < 10_000) return;
    const now = this.#now();
    for (const [token, issued] of this.#tokens) if (issued.expiresAtMs <= now) this.#tokens.delete(token);
  }
}
