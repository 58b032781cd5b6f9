// The splice's scanner: each element's bytes in a top-level array, checked against JSON.parse
// on hand-picked edge cases and on arbitrary JSON (any Unicode) written compactly and indented.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayElementSources } from '../../src/engine/json-slices.js';

/** What the splice promises: each source parses to the element JSON.parse gives. */
function expectSourcesMatch(text: string, key: string): string[] {
  const sources = arrayElementSources(Buffer.from(text), key)?.map((source) => source.toString('utf8'));
  if (sources === undefined) throw new Error(`no sources for ${key} in ${text}`);
  expect(sources.map((source) => JSON.parse(source))).toEqual((JSON.parse(text) as Record<string, unknown[]>)[key]);
  return sources;
}
const sourcesOf = (text: string, key: string): Buffer[] | undefined => arrayElementSources(Buffer.from(text), key);

describe('arrayElementSources', () => {
  it('gives each element as it was written, whitespace inside kept, around it dropped', () => {
    const text = '{ "totalHits": 3, "conversations": [ {"id": "a"} ,\n {"id":"b",  "n": [1, 2]}, 7, "s", null ] }';
    expect(expectSourcesMatch(text, 'conversations')).toEqual(['{"id": "a"}', '{"id":"b",  "n": [1, 2]}', '7', '"s"', 'null']);
  });

  it('is not misled by brackets, quotes and escaped backslashes inside strings', () => {
    const text = JSON.stringify({ a: '"}]{[', conversations: [{ x: 'ends with \\', y: '\\"quoted\\"' }, { z: ['[', ']', '{', '}', ','] }], b: 'conversations' });
    expect(expectSourcesMatch(text, 'conversations')).toHaveLength(2);
  });

  it('takes the last of a repeated key, as JSON.parse does, and the member only at the top level', () => {
    const text = '{"conversations":[1],"nested":{"conversations":[9,9,9]},"conversations":[2,3]}';
    expect(expectSourcesMatch(text, 'conversations')).toEqual(['2', '3']);
  });

  it('answers undefined when there is no such array', () => {
    expect(sourcesOf('{"conversations":{"a":1}}', 'conversations')).toBeUndefined();
    expect(sourcesOf('{"other":[1]}', 'conversations')).toBeUndefined();
    expect(sourcesOf('[1,2]', 'conversations')).toBeUndefined();
    expect(sourcesOf('{"conversations":[1],"conversations":null}', 'conversations')).toBeUndefined();
    // Escaped spelling of the key: not recognised, so the caller serializes instead.
    expect(sourcesOf('{"\\u0063onversations":[1]}', 'conversations')).toBeUndefined();
  });

  it('gives an empty list for an empty array', () => {
    expect(sourcesOf('{"conversations":[ ]}', 'conversations')).toEqual([]);
  });

  it('matches JSON.parse element for element on arbitrary JSON, compact and indented', () => {
    const member = fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.constantFrom('"\\', '\\"', '{"a":"]"}', 'é😀\u2028'));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), fc.array(member), fc.constantFrom(undefined, 2, '\t'), (others, conversations, indent) => {
        const text = JSON.stringify({ ...others, conversations, tail: others }, null, indent);
        const sources = expectSourcesMatch(text, 'conversations');
        expect(sources).toHaveLength(conversations.length);
      }),
      { numRuns: 300 },
    );
  });
});
