// Maps a JSON Pointer inside parsed YAML (e.g. /calls/0/path) to the line:column an editor
// shows, from the node ranges the yaml parser keeps.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export function locate(doc: Document, lineCounter: LineCounter, pointer: string): { line: number; column: number } | undefined {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
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
