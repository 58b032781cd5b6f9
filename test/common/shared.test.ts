import { describe, expect, it } from 'vitest';
import { bearerCredentialOf, sameSecret, secretIndexer } from '../../common/bearer.js';
import { BoundedMap } from '../../common/bounded-map.js';
import { isLoopbackAddress, isLoopbackHost } from '../../common/loopback.js';

describe('bearer credentials', () => {
  it('takes the credential whole, case-insensitive scheme, trailing spaces allowed', () => {
    expect(bearerCredentialOf('Bearer abc.def/+=')).toBe('abc.def/+=');
    expect(bearerCredentialOf('bearer   xyz  ')).toBe('xyz');
    expect(bearerCredentialOf('Basic abc')).toBeUndefined();
    expect(bearerCredentialOf('Bearer a b')).toBeUndefined();
    expect(bearerCredentialOf(undefined)).toBeUndefined();
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cret', 's3cre')).toBe(false);
    expect(sameSecret('', 'x'.repeat(1000))).toBe(false);
    const indexOf = secretIndexer(['one', 'two']);
    expect([indexOf('two'), indexOf('one'), indexOf('three'), indexOf(undefined)]).toEqual([1, 0, -1, -1]);
  });
});

describe('loopback', () => {
  it('knows loopback names and addresses, IPv4-mapped included', () => {
    expect(['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['10.0.0.1', 'example.com', '128.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false]);
    expect([isLoopbackAddress('::ffff:127.0.0.1'), isLoopbackAddress('::ffff:10.0.0.1'), isLoopbackAddress(undefined)]).toEqual([true, false, false]);
  });
});

describe('BoundedMap', () => {
  it('drops the oldest insertion beyond its size, and replacing a key keeps the count', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 10);
    expect([...map]).toEqual([['a', 10], ['b', 2]]);
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
    expect(() => new BoundedMap(0)).toThrow(/maxEntries/);
  });
});
