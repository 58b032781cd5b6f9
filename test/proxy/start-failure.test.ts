import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/env.js';
import { startFailureMessage } from '../../src/start-failure.js';

function errno(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('startFailureMessage', () => {
  it('explains configuration errors, broken scenarios, busy ports and unreadable files in one line', () => {
    expect(startFailureMessage(new ConfigError('PORT="x" is not a whole number'))).toBe('configuration error: PORT="x" is not a whole number');
    expect(startFailureMessage(Object.assign(new Error('a.yaml:3:5: unknown key'), { name: 'ScenarioError' }))).toBe('a.yaml:3:5: unknown key');
    expect(startFailureMessage(errno('listen EADDRINUSE', { code: 'EADDRINUSE', address: '127.0.0.1', port: 3000 }))).toBe(
      '127.0.0.1:3000 is already in use: stop what listens there, or choose another port (PORT for the proxy, MOCK_PORT for the mock)',
    );
    expect(startFailureMessage(errno("ENOENT: no such file or directory, open '/x/schema.json'", { code: 'ENOENT', path: '/x/schema.json' }))).toBe(
      "ENOENT: no such file or directory, open '/x/schema.json'",
    );
  });

  it('keeps the stack of anything unexpected, since that is a bug', () => {
    const bug = new TypeError('undefined is not a function');
    expect(startFailureMessage(bug)).toBe(bug.stack);
  });
});
