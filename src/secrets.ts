// The secrets this process holds or has used (the client secret, every access token it obtained)
// and the scrubbing of text that may leave the proxy: those literal values wherever they appear,
// bare or not, plus credentials in their usual shapes (Bearer/Basic headers, token fields).

/** Tokens remembered at most; beyond it the oldest are forgotten (pinned secrets never are). */
export const MAX_REGISTERED_SECRETS = 2000;
/** Shorter strings would redact ordinary words; real secrets and tokens are long. */
const MIN_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// A value cut off at the end of the text (no closing quote) is a token field too.
const JSON_TOKEN_FIELD = /("(?:access_token|refresh_token|id_token|client_secret|token)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)/gi;
const FORM_TOKEN_FIELD = /\b(access_token|refresh_token|client_secret)=[^&\s"]+/gi;

interface Match {
  start: number;
  end: number;
  replacement: string;
}

function patternMatches(text: string): Match[] {
  const matches: Match[] = [];
  for (const match of text.matchAll(BEARER)) {
    matches.push({ start: match.index, end: match.index + match[0].length, replacement: `${match[1]} ${REDACTED}` });
  }
  for (const match of text.matchAll(JSON_TOKEN_FIELD)) {
    matches.push({ start: match.index, end: match.index + match[0].length, replacement: `${match[1]}"${REDACTED}"` });
  }
  for (const match of text.matchAll(FORM_TOKEN_FIELD)) {
    matches.push({ start: match.index, end: match.index + match[0].length, replacement: `${match[1]}=${REDACTED}` });
  }
  return matches;
}

function literalMatches(text: string, secrets: readonly string[]): Match[] {
  const matches: Match[] = [];
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
      matches.push({ start: at, end: at + secret.length, replacement: REDACTED });
    }
  }
  return matches;
}

/**
 * Removes bearer/basic credentials, token fields and the given literal secrets from text. With
 * `keepChars`, only text that starts before that position is kept (a secret starting inside is
 * replaced whole), so a caller can cut a window larger than `keepChars` by the longest secret and
 * be sure no partial secret survives at the cut.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = [], keepChars = Number.POSITIVE_INFINITY): string {
  const matches = [...patternMatches(text), ...literalMatches(text, secrets)].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let position = 0;
  for (const match of matches) {
    if (match.start >= keepChars) break;
    if (match.start < position) {
      position = Math.max(position, match.end); // overlaps a replaced span: drop its tail too
      continue;
    }
    out += text.slice(position, match.start) + match.replacement;
    position = match.end;
  }
  if (position < keepChars) out += text.slice(position, Math.min(text.length, keepChars));
  return out;
}

/** Bounded registry of secrets to scrub: pinned ones (the client secret) plus recent tokens. */
export class SecretRegistry {
  readonly #pinned: readonly string[];
  readonly #maxTokens: number;
  /** Insertion-ordered, so the first entry is the oldest. */
  readonly #tokens = new Set<string>();
  #values: readonly string[] | undefined;

  constructor(pinned: readonly string[] = [], maxTokens = MAX_REGISTERED_SECRETS) {
    this.#pinned = pinned.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
    this.#maxTokens = maxTokens;
  }

  /** Remembers a secret (an access token the process obtained or used). */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.#pinned.includes(secret)) return;
    this.#tokens.delete(secret); // re-adding makes it the newest
    this.#tokens.add(secret);
    if (this.#tokens.size > this.#maxTokens) this.#tokens.delete(this.#tokens.values().next().value as string);
    this.#values = undefined;
  }

  /** Every secret known now (a snapshot; recomputed only after add). */
  values(): readonly string[] {
    this.#values ??= [...this.#pinned, ...this.#tokens];
    return this.#values;
  }

  scrub(text: string): string {
    return scrubSecrets(text, this.values());
  }
}
