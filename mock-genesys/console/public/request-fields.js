// The proxy request body as the form edits it: body → input strings and back. Pure, so the
// page and test/console/request-fields.test.ts share it. Fields the form does not show (e.g.
// `query`) are kept from the scenario's request unchanged.

/** @typedef {'list' | 'text' | 'number'} FieldKind */

/**
 * The fields the form shows, in its order, with how their input is read.
 * @type {Readonly<Record<string, FieldKind>>}
 */
const FIELD_KINDS = {
  queue_ids: 'list',
  media_types: 'list',
  interval: 'text',
  filter_expression: 'text',
  deadline_ms: 'number',
  page_size: 'number',
  max_pages: 'number',
};

/** The names of the form's inputs, in order. */
export const EDITABLE_FIELDS = Object.keys(FIELD_KINDS);

/**
 * The input strings for a request body: lists joined with ', ', absent fields as ''.
 * @param {Record<string, unknown>} request
 * @returns {Record<string, string>}
 */
export function fieldsFromRequest(request) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const [key, kind] of Object.entries(FIELD_KINDS)) {
    const value = request[key];
    if (value === undefined || value === null) values[key] = '';
    else if (kind === 'list' && Array.isArray(value)) values[key] = value.map(String).join(', ');
    else if (typeof value === 'object') values[key] = JSON.stringify(value);
    else values[key] = String(value);
  }
  return values;
}

/**
 * The body to send: `base` with every editable field replaced by its input (omitted when
 * empty). A number that does not parse is sent as typed, so the proxy's own validation
 * answers it (that answer is what a flow would get).
 * @param {Record<string, unknown>} base
 * @param {Record<string, string>} values
 * @returns {Record<string, unknown>}
 */
export function requestFromFields(base, values) {
  /** @type {Record<string, unknown>} */
  const body = { ...base };
  for (const [key, kind] of Object.entries(FIELD_KINDS)) {
    delete body[key];
    const text = (values[key] ?? '').trim();
    if (text === '') continue;
    if (kind === 'list') {
      body[key] = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    } else if (kind === 'number') {
      const number = Number(text);
      body[key] = Number.isFinite(number) ? number : text;
    } else {
      body[key] = text;
    }
  }
  return body;
}
