// Types of ./request-fields.js for TypeScript importers, generated from its JSDoc; test/console/declarations.test.ts
// fails with the fresh text when they drift apart.
/**
 * The input strings for a request body: lists joined with ', ', absent fields as ''.
 * @param {Record<string, unknown>} request
 * @returns {Record<string, string>}
 */
export function fieldsFromRequest(request: Record<string, unknown>): Record<string, string>;
/**
 * The body to send: `base` with every editable field replaced by its input (omitted when
 * empty). A number that does not parse is sent as typed, so the proxy's own validation
 * answers it (that answer is what a flow would get).
 * @param {Record<string, unknown>} base
 * @param {Record<string, string>} values
 * @returns {Record<string, unknown>}
 */
export function requestFromFields(base: Record<string, unknown>, values: Record<string, string>): Record<string, unknown>;
/**
 * @typedef {'list' | 'text' | 'number'} FieldKind
 * @typedef {{ key: string, kind: FieldKind }} EditableField
 */
/** @type {readonly EditableField[]} */
export const EDITABLE_FIELDS: readonly EditableField[];
export type FieldKind = "list" | "text" | "number";
export type EditableField = {
    key: string;
    kind: FieldKind;
};
