// Maps a JSON Pointer inside parsed YAML (e.g. /rules/0/steps/1/status) to the line:column a
// person sees in an editor, from the node ranges the yaml parser keeps: scenario files and the
// action catalog report their errors this way.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface LinePosition {
  line: number;
  column: number;
}

/**
 * Where `path` is in the document: a map entry points at its key, a list item at the item.
 * Missing parts (a required key that is absent) point at the nearest existing parent.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: string): LinePosition | undefined {
  // JSON Pointer segments (as ajv reports them): ~1 is "/", ~0 is "~"; nothing is URI-encoded.
  const segments = path.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
