// Which environment variables a configuration loader reads, found by watching it read.
import type { Env } from '../../common/env.js';

export function variablesRead(load: (env: Env) => unknown, env: Env): Set<string> {
  const read = new Set<string>();
  load(new Proxy(env, { get: (target, name: string) => (read.add(name), target[name]) }));
  return read;
}
