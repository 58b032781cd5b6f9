// Servers under test run as child processes, so their RSS and CPU are their own, not the load
// generator's. Memory is read from /proc/PID/status (VmRSS now, VmHWM the peak so far).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  /** Resident set size now, in MB. */
  rssMb: () => number;
  /** Highest resident set size since start (VmHWM), in MB. */
  peakRssMb: () => number;
  /** What the service has written to stdout and stderr so far (the first 64 kB). */
  output: () => string;
  /** CPU time used so far by every process of the service's process group, in ms. */
  cpuMs: () => number;
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

/** CPU time of one process in ms: /proc/PID/schedstat counts nanoseconds on a CPU (0 once it has gone). */
function processCpuMs(pid: number | string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** The processes of a group (`npm start` is npm, a shell and node), by pid, with their state letter. */
function groupProcesses(groupId: number): Array<{ pid: string; state: string }> {
  const members: Array<{ pid: string; state: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === groupId) members.push({ pid: entry, state: state! });
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

/** CPU time of a process group, in ms. */
export function groupCpuMs(groupId: number): number {
  return groupProcesses(groupId).reduce((total, member) => total + processCpuMs(member.pid), 0);
}

/** Whether a process of the group still runs (a zombie waiting to be reaped has finished). */
function groupRunning(groupId: number): boolean {
  return groupProcesses(groupId).some((member) => member.state !== 'Z');
}

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

/** Each service runs in its own process group, so a wrapper's children (npm → sh → node) stop with it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Stops a service and waits until every process of its group has ended: `npm start`'s npm exits
 * before its node has finished shutting down (and writing Node's compile cache), which would
 * otherwise run beside the next measurement.
 */
async function stopChild(child: ChildProcess): Promise<void> {
  const groupId = child.pid!;
  const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child, 'SIGTERM');
    await exited;
  }
  running.delete(child);
  for (let waited = 0; groupRunning(groupId) && waited < 6000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  clearTimeout(force);
}

/** Starts a service and waits until it is ready; returns when it answers, with its start time. */
export async function startService(spec: ServiceSpec): Promise<ServiceProcess & { readyAfterMs: number; cpuAtReadyMs: number }> {
  const startedAt = performance.now();
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
  const cpuAtReadyMs = groupCpuMs(pid);
  return {
    name: spec.name,
    pid,
    url,
    readyAfterMs,
    cpuAtReadyMs,
    rssMb: () => statusField(pid, 'VmRSS'),
    cpuMs: () => groupCpuMs(pid),
    output: () => output,
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
  for (const child of running) signalGroup(child, 'SIGKILL');
});
