// The README's configuration tables must name every variable the services read.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadMockConfig } from '../../mock-genesys/config.js';
import { loadProxyConfig } from '../../src/config.js';
import { variablesRead } from '../support/variables-read.js';

const readme = await readFile('README.md', 'utf8');


describe('the README configuration tables', () => {
  it.each([
    ['proxy', () => variablesRead(loadProxyConfig, { GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'key' })],
    ['mock', () => variablesRead(loadMockConfig, {})],
  ])('document every variable the %s reads', (_service, read) => {
    const variables = [...read()];
    expect(variables.length).toBeGreaterThan(10);
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
