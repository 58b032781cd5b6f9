// The bytes of each element of a top-level array member of a JSON object, so an answer's items
// go into the envelope as Genesys sent them instead of being serialized again. Only ever run on
// bytes whose text JSON.parse has already accepted: the scan trusts the syntax and looks only at
// structure (strings skipped, brackets counted), one pass over the UTF-8 (no byte of a multi-byte
// character is ASCII, so none is mistaken for a quote or a bracket). The elements are views
// into the same memory, not copies.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(bytes: Buffer, at: number): number {
  while (isWhitespace(bytes[at])) at++;
  return at;
}

/** `at` on an opening quote: the index just past its closing quote. */
function skipString(bytes: Buffer, at: number): number {
  for (at++; ; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) return at + 1;
    if (byte === BACKSLASH) at++; // the escaped character, whatever it is
  }
}

/** `at` on a value's first byte: the index just past the value. */
function skipValue(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    do {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at = skipString(bytes, at);
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
      at++;
    } while (depth > 0);
    return at;
  }
  // A number, true, false or null: up to the next separator.
  for (; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isWhitespace(byte)) break;
  }
  return at;
}

/** Whether the string at `at` (its opening quote) is exactly `"key"`, `key` being ASCII without escapes. */
function isQuoted(bytes: Buffer, at: number, end: number, key: string): boolean {
  if (end - at !== key.length + 2) return false;
  for (let index = 0; index < key.length; index++) if (bytes[at + 1 + index] !== key.charCodeAt(index)) return false;
  return true;
}

/**
 * The bytes of each element of `json[key]`, where `json` is the object the UTF-8 `bytes` hold
 * (JSON.parse accepted their text), or undefined when there is no such array. As JSON.parse does,
 * a key given twice counts once, with its last value; a key written with escapes is not
 * recognised (undefined: the caller serializes the parsed items instead).
 */
export function arrayElementSources(bytes: Buffer, key: string): Buffer[] | undefined {
  let at = skipWhitespace(bytes, 0);
  if (bytes[at] !== OPEN_BRACE) return undefined;
  let elements: Buffer[] | undefined;
  at = skipWhitespace(bytes, at + 1);
  while (bytes[at] === QUOTE) {
    const keyEnd = skipString(bytes, at);
    const isKey = isQuoted(bytes, at, keyEnd, key);
    at = skipWhitespace(bytes, skipWhitespace(bytes, keyEnd) + 1); // past the colon
    if (isKey) {
      elements = undefined;
      if (bytes[at] === OPEN_BRACKET) [elements, at] = arrayElements(bytes, at);
    }
    if (!isKey || elements === undefined) at = skipValue(bytes, at);
    at = skipWhitespace(bytes, at);
    if (bytes[at] === COMMA) at = skipWhitespace(bytes, at + 1);
  }
  return elements;
}

/** `at` on an array's opening bracket: its elements, and the index just past its closing bracket. */
function arrayElements(bytes: Buffer, at: number): [Buffer[], number] {
  const elements: Buffer[] = [];
  at = skipWhitespace(bytes, at + 1);
  while (bytes[at] !== CLOSE_BRACKET) {
    const end = skipValue(bytes, at);
    elements.push(bytes.subarray(at, end));
    at = skipWhitespace(bytes, end);
    if (bytes[at] === COMMA) at = skipWhitespace(bytes, at + 1);
  }
  return [elements, at + 1];
}
