// The `headers` parameter several faults share: extra or replaced response headers.
import { Type } from './params.js';

export const headersParam = (appliesTo: string) =>
  Type.Optional(Type.Object({}, { additionalProperties: Type.String(), description: `${appliesTo}: extra or replaced response headers.` }));
