// The fault registry: every fault kind of the scenario model, one module each. Adding a fault
// is its module and one line here; the scenario JSON Schema (scenarios/schema.ts), the
// semantic checks and the README's fault table check all read this object.
import { empty } from './empty.js';
import type { Fault } from './fault.js';
import { fixture } from './fixture.js';
import { hang } from './hang.js';
import { malformedJson } from './malformed-json.js';
import { pass } from './pass.js';
import { randomBytes } from './random-bytes.js';
import { rateLimit } from './rate-limit.js';
import { reset } from './reset.js';
import { expireToken, revokeToken } from './revoke-token.js';
import { slowBody } from './slow-body.js';
import { status } from './status.js';
import { truncatedBody } from './truncated-body.js';

export const faults = {
  pass,
  status,
  reset,
  hang,
  empty,
  'malformed-json': malformedJson,
  'truncated-body': truncatedBody,
  'slow-body': slowBody,
  'random-bytes': randomBytes,
  'revoke-token': revokeToken,
  'expire-token': expireToken,
  'rate-limit': rateLimit,
  fixture,
} satisfies Record<string, Fault>;

export type FaultRegistry = Readonly<Record<string, Fault>>;

export type { Fault, FaultContext, FaultOutcome, PayloadRewrite } from './fault.js';
