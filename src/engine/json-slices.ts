// The source text of each element of a top-level array member of a JSON object, so an answer's
// items can go into the envelope as Genesys sent them instead of being serialized again. Only
// ever run on text JSON.parse has already accepted: the scan trusts the syntax and looks only
// at structure (strings are skipped whole, brackets counted), so it is one pass with no
// allocation beyond the slices, which V8 keeps as views into the text.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipWhitespace(text: string, at: number): number {
  while (isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** `at` on an opening quote: the index just past its closing quote. */
function skipString(text: string, at: number): number {
  for (;;) {
    const quote = text.indexOf('"', at + 1);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote;
  }
}

/** `at` on a value's first character: the index just past the value. */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    do {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        at = skipString(text, at);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
      at++;
    } while (depth > 0);
    return at;
  }
  // A number, true, false or null: up to the next separator.
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) break;
    at++;
  }
  return at;
}

/**
 * The text of each element of `json[key]`, where `json` is the object `text` holds (text that
 * JSON.parse accepted), or undefined when there is no such array. As JSON.parse does, a key
 * given twice counts once, with its last value; a key written with escapes is not recognised
 * (undefined, and the caller serializes the parsed items instead).
 */
export function arrayElementSources(text: string, key: string): string[] | undefined {
  let at = skipWhitespace(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
  const quotedKey = `"${key}"`;
  let arrayAt: number | undefined;
  at = skipWhitespace(text, at + 1);
  while (text.charCodeAt(at) === QUOTE) {
    const keyEnd = skipString(text, at);
    const isKey = keyEnd - at === quotedKey.length && text.startsWith(quotedKey, at);
    at = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1); // past the colon
    if (isKey) arrayAt = text.charCodeAt(at) === OPEN_BRACKET ? at : undefined;
    at = skipWhitespace(text, skipValue(text, at));
    if (text.charCodeAt(at) === COMMA) at = skipWhitespace(text, at + 1);
  }
  if (arrayAt === undefined) return undefined;

  const elements: string[] = [];
  at = skipWhitespace(text, arrayAt + 1);
  while (text.charCodeAt(at) !== CLOSE_BRACKET) {
    const end = skipValue(text, at);
    elements.push(text.slice(at, end));
    at = skipWhitespace(text, end);
    if (text.charCodeAt(at) === COMMA) at = skipWhitespace(text, at + 1);
  }
  return elements;
}
