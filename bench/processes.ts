// Servers under test run as child processes, so their RSS and CPU are their own, not the load
// generator's. Memory is read from /proc/PID/status (VmRSS now, VmHWM the peak so far).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  /** Resident set size now, in MB. */
  rssMb: () => number;
  /** Highest resident set size since start (VmHWM), in MB. */
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Base URL once the service is ready: from its output, or by probing when `probe` is given. */
  urlFromOutput?: (output: string) => string | undefined;
  url?: string;
  /** Resolves true once the service answers; polled every 10 ms. */
  probe?: (url: string) => Promise<boolean>;
  startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** A TCP port free right now on 127.0.0.1 (for services that cannot report the port they got). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts a service and waits until it is ready; returns when it answers, with its start time. */
export async function startService(spec: ServiceSpec): Promise<ServiceProcess & { readyAfterMs: number }> {
  const startedAt = performance.now();
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  // Always drained: a service logging to a full pipe would stall and skew every figure.
  const collect = (chunk: Buffer): void => {
    if (output.length < 64_000) output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`)));
  });
  exited.catch(() => {});

  const deadline = startedAt + (spec.startTimeoutMs ?? 30_000);
  let url: string | undefined = spec.url;
  try {
    for (;;) {
      if (performance.now() > deadline) throw new Error(`${spec.name} not ready within ${spec.startTimeoutMs ?? 30_000} ms:\n${output.slice(-2000)}`);
      if (url === undefined && spec.urlFromOutput) url = spec.urlFromOutput(output);
      if (url !== undefined && (!spec.probe || (await spec.probe(url).catch(() => false)))) break;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 10)), exited]);
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const readyAfterMs = performance.now() - startedAt;
  const pid = child.pid!;
  return {
    name: spec.name,
    pid,
    url,
    readyAfterMs,
    rssMb: () => statusField(pid, 'VmRSS'),
    peakRssMb: () => statusField(pid, 'VmHWM'),
    stop: () => stopChild(child),
  };
}

/** Samples a process's RSS until stopped; returns the highest value seen. */
export function sampleRss(service: ServiceProcess, intervalMs = 50): { stop: () => { peakMb: number; samples: number[] } } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(service.rssMb()), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(service.rssMb());
      return { peakMb: Math.max(...samples), samples };
    },
  };
}

/** Stops every child still running (the orchestrator's finally, and on exit as a backstop). */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
