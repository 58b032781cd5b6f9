// docker-compose.yml is checked without a Docker engine: dclint validates it against the
// Compose schema, and every variable it sets must be one the service's configuration reads.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMockConfig } from '../../mock-genesys/config.js';
import { loadProxyConfig } from '../../src/config.js';
import type { Env } from '../../common/env.js';
import { variablesRead } from '../support/variables-read.js';

interface ComposeService {
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(await readFile('docker-compose.yml', 'utf8')) as { services: Record<string, ComposeService> };


/** Compose interpolation (`${VAR:-default}`, `${VAR:?message}`) resolved as a shell would with VAR unset. */
function interpolated(environment: Record<string, string>): Env {
  const placeholders: Record<string, string> = { GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'key' };
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_m, variable: string, fallback?: string) => fallback ?? placeholders[variable] ?? ''),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('runs a fleet profile: three proxy replicas sharing one Redis behind a load balancer', () => {
    const fleet = compose.services['proxy-fleet'] as ComposeService & { deploy?: { replicas?: number }; profiles?: string[] };
    expect(fleet.deploy?.replicas).toBe(3);
    expect(fleet.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(fleet.depends_on?.redis?.condition).toBe('service_healthy');
    expect((compose.services.lb as { depends_on?: Record<string, unknown> }).depends_on).toHaveProperty('proxy-fleet');
    for (const name of ['redis', 'proxy-fleet', 'lb']) expect((compose.services[name] as { profiles?: string[] }).profiles).toEqual(['fleet']);
  });

  it('is a valid Compose file (dclint, no engine needed)', async () => {
    const { stdout, stderr } = await promisify(execFile)('npx', ['dclint', 'docker-compose.yml'], { encoding: 'utf8' }).catch(
      (error: { stdout: string; stderr: string }) => ({ stdout: `${error.stdout}`, stderr: `${error.stderr}` }),
    );
    expect(`${stdout}${stderr}`).not.toMatch(/error/i);
  }, 60_000);

  it('wires the proxy to the mock service by name and waits for it to be healthy', () => {
    const proxy = compose.services.proxy!;
    expect(proxy.environment?.GENESYS_API_URL).toBe('http://mock-genesys:4010');
    expect(proxy.environment?.GENESYS_LOGIN_URL).toBe('http://mock-genesys:4010');
    expect(proxy.depends_on?.['mock-genesys']?.condition).toBe('service_healthy');
    expect(proxy.environment?.GENESYS_CLIENT_ID).toBe(compose.services['mock-genesys']!.environment?.MOCK_CLIENT_ID);
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
  });

  // Our services (built from this repository); redis and the load balancer are stock images.
  const ours = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

  it.each(ours)('sets only variables that %s reads, with values its configuration accepts', (_name, service) => {
    const env = interpolated(service.environment ?? {});
    const isMock = service.command?.some((part) => part.includes('mock-genesys')) ?? false;
    const read = variablesRead(isMock ? loadMockConfig : loadProxyConfig, env);
    expect(Object.keys(env).filter((name) => !read.has(name))).toEqual([]);
  });
});
