// The official SDK's model types (its index.d.ts) as an oracle for the mock's answers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sdkTypes = readFileSync(require.resolve('purecloud-platform-client-v2/index.d.ts'), 'utf8');
const parsedInterfaces = new Map<string, Map<string, string>>();

/** `export interface Name { "key"?: type; … }` of the SDK's Models, as key → declared type. */
export function sdkInterface(name: string): Map<string, string> {
  const cached = parsedInterfaces.get(name);
  if (cached) return cached;
  const start = sdkTypes.indexOf(`\texport interface ${name} { `);
  if (start === -1) throw new Error(`the SDK has no interface ${name}`);
  const body = sdkTypes.slice(start, sdkTypes.indexOf('\n\t}', start));
  const fields = new Map([...body.matchAll(/^\t\t"([^"]+)"\??: (.+);$/gm)].map((match) => [match[1]!, match[2]!]));
  parsedInterfaces.set(name, fields);
  return fields;
}
