// Reading typed settings from environment variables. Every failure names the variable,
// the value it had and what is expected, so a misconfigured start says what to fix.

import { isLoopbackHost } from './loopback.js';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

export function envString(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

export function envOptionalString(env: Env, name: string): string | undefined {
  return raw(env, name);
}

export function envInt(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(`${name}=${JSON.stringify(value)} is not a whole number (expected ${range.min}..${range.max})`);
  return checkRange(name, value, Number(value), range);
}

export function envNumber(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new ConfigError(`${name}=${JSON.stringify(value)} is not a number (expected ${range.min}..${range.max})`);
  return checkRange(name, value, parsed, range);
}

/** `parsed` when within range, else a ConfigError naming the variable and its raw `value`. */
function checkRange(name: string, value: string, parsed: number, range: { min: number; max: number }): number {
  if (parsed < range.min || parsed > range.max) {
    throw new ConfigError(`${name}=${value} is out of range (expected ${range.min}..${range.max})`);
  }
  return parsed;
}

export function envEnum<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name}=${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

export function envList(env: Env, name: string): string[] {
  const value = raw(env, name);
  if (value === undefined) return [];
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** An absolute http(s) URL; plain http only to loopback unless `allowPlainHttp`. */
export function envUrl(env: Env, name: string, options: { allowPlainHttp?: boolean } = {}): URL | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}=${JSON.stringify(value)} is not an absolute URL (e.g. https://api.mypurecloud.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name}=${value} must use http or https`);
  }
  if (url.protocol === 'http:' && !options.allowPlainHttp && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(`${name}=${value} uses plain http to a non-loopback host; use https`);
  }
  return url;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function envLogLevel(env: Env): LogLevel {
  return envEnum(env, 'LOG_LEVEL', 'info', LOG_LEVELS);
}
