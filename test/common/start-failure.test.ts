import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../common/env.js';
import { startFailureMessage } from '../../common/start-failure.js';

function errno(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

class LocatedError extends Error {}

const proxy = { listenVariables: 'PORT/HOST' };

describe('startFailureMessage', () => {
  it('explains configuration errors, busy ports and unreadable files in one line', () => {
    expect(startFailureMessage(new ConfigError('PORT="x" is not a whole number'), proxy)).toBe('configuration error: PORT="x" is not a whole number');
    expect(startFailureMessage(errno('listen EADDRINUSE', { code: 'EADDRINUSE', address: '127.0.0.1', port: 3000 }), proxy)).toBe(
      '127.0.0.1:3000 is already in use: stop what listens there, or choose another address (PORT/HOST)',
    );
    expect(startFailureMessage(errno('listen EACCES', { code: 'EACCES', address: '0.0.0.0', port: 80 }), { listenVariables: 'MOCK_PORT/MOCK_HOST' })).toBe(
      'cannot listen on 0.0.0.0:80 (EACCES): check MOCK_PORT/MOCK_HOST',
    );
    expect(startFailureMessage(errno("ENOENT: no such file or directory, open '/x/schema.json'", { code: 'ENOENT', path: '/x/schema.json' }), proxy)).toBe(
      "ENOENT: no such file or directory, open '/x/schema.json'",
    );
  });

  it('prints the message alone of errors the service declares self-explanatory', () => {
    const located = new LocatedError('a.yaml:3:5: unknown key');
    expect(startFailureMessage(located, { ...proxy, isExplained: (error) => error instanceof LocatedError })).toBe('a.yaml:3:5: unknown key');
    expect(startFailureMessage(located, proxy)).toBe(located.stack);
  });

  it('keeps the stack of anything unexpected, since that is a bug', () => {
    const bug = new TypeError('undefined is not a function');
    expect(startFailureMessage(bug, proxy)).toBe(bug.stack);
  });
});
