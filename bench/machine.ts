// The machine line printed with the table: the figures only mean something next to it.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** Java's version, or undefined without Java (`java -version` writes to stderr). */
export function javaVersion(): string | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) return undefined;
  return /version "([^"]+)"/.exec(result.stderr)?.[1];
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const java = javaVersion();
  return [
    `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length} cores`,
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    java ? `Java ${java}` : 'no Java',
  ].join(', ');
}
