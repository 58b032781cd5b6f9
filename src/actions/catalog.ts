// PLACEHOLDER until core's catalog lands (INTERFACES.md §1): only the exported types the
// export generators use, copied verbatim from the agreed interface. Core's module replaces
// this file at merge; nothing else here.
export type FlatType = 'string' | 'number' | 'integer' | 'boolean';
export interface FlatPropertySchema {
  type: FlatType | 'array';
  items?: { type: FlatType }; // only for type 'array'
  description: string;
  enum?: readonly (string | number)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string; // e.g. 'date-time'
}
/** A flat JSON Schema (no nesting beyond arrays of scalars): what Architect contracts can hold. */
export interface FlatObjectSchema {
  type: 'object';
  properties: Record<string, FlatPropertySchema>;
  required: string[];
  additionalProperties: boolean; // true only where data has open-ended fields (data-table-row)
}
export interface ActionDefinition {
  name: string; // kebab-case; the URL segment of POST /api/actions/{name}
  description: string;
  category: string; // Architect category, e.g. "Routing", "Contacts"
  inputSchema: FlatObjectSchema; // the action's own input (deadline_ms is added by the proxy)
  outputSchema: FlatObjectSchema; // the `data` object of a success envelope
  idempotent: boolean;
  cache: { ttlMs: number; staleIfErrorMs: number; coalesce: boolean };
  /** conversation-details only: `data` is a list; outputSchema describes the envelope's list-level fields. */
  dataIsList?: boolean;
  /** Where the definition came from (for messages). */
  file: string;
}
