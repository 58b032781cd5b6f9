// `fields`: parsing with a message naming the wrong entry, and the projection of a conversation
// (first value found along arrays, null where none), as table tests of the pure functions.
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, MAX_FIELD_DEPTH, MAX_FIELDS, parseFields, projectConversation, valueAt } from '../../src/query/fields.js';

/** A conversation in Genesys' analytics shape, trimmed to what the tables read. */
const conversation = {
  conversationId: 'c-1',
  conversationStart: '2026-11-25T00:23:30.786Z',
  originatingDirection: 'inbound',
  divisionIds: ['d-1', 'd-2'],
  mediaStatsMinConversationMos: 4.1,
  customerParticipation: false,
  participants: [
    {
      purpose: 'customer',
      sessions: [{ mediaType: 'voice', metrics: [{ name: 'tConnected', value: 1000 }], segments: [{ segmentType: 'interact' }] }],
    },
    {
      purpose: 'ivr',
      sessions: [{ mediaType: 'voice', flow: { flowName: 'Main IVR' }, segments: [{ segmentType: 'ivr', queueId: null }] }],
    },
    {
      purpose: 'acd',
      sessions: [
        { mediaType: 'voice', metrics: [{ name: 'tAcd', value: 5000 }], segments: [{ segmentType: 'interact', queueId: 'q-sales' }] },
        { mediaType: 'callback', segments: [{ segmentType: 'interact', queueId: 'q-support' }] },
      ],
    },
    { purpose: 'agent', userId: 'u-1', sessions: [{ mediaType: 'voice', segments: [{ segmentType: 'interact', queueId: 'q-sales', wrapUpCode: 'w-1' }] }] },
  ],
};

describe('valueAt', () => {
  it.each([
    ['a top-level scalar', 'conversationId', 'c-1'],
    ['a number', 'mediaStatsMinConversationMos', 4.1],
    ['false is a value', 'customerParticipation', false],
    ['a list at the end, whole', 'divisionIds', ['d-1', 'd-2']],
    ['the first queue id: arrays searched in order, null skipped', 'participants.sessions.segments.queueId', 'q-sales'],
    ['the first participant that has the key', 'participants.userId', 'u-1'],
    ['an object at the end, whole', 'participants.sessions.flow', { flowName: 'Main IVR' }],
    ['into an object found along arrays', 'participants.sessions.flow.flowName', 'Main IVR'],
    ['the first metric name', 'participants.sessions.metrics.name', 'tConnected'],
    ['the first wrap-up code', 'participants.sessions.segments.wrapUpCode', 'w-1'],
    ['a missing key', 'conversationEnd', undefined],
    ['a path through a scalar', 'conversationId.length', undefined],
    ['a path below a list of scalars', 'divisionIds.x', undefined],
    ['a prototype member is not data', 'participants.sessions.segments.hasOwnProperty', undefined],
  ])('%s: %s', (_what, path, expected) => {
    expect(valueAt(conversation, path.split('.'))).toEqual(expected);
  });

  it('does not enter an array directly inside an array (hostile nesting stays shallow)', () => {
    let deep: unknown = { id: 'x' };
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(valueAt({ a: deep }, ['a', 'id'])).toBeUndefined();
    expect(valueAt({ a: [[{ id: 'x' }], { id: 'y' }] }, ['a', 'id'])).toBe('y');
  });
});

describe('projectConversation', () => {
  it('gives one key per entry, in order, named by the path or the name before ":", null where nothing is found', () => {
    const parsed = parseFields(['conversationId', 'originatingDirection', 'queue_id:participants.sessions.segments.queueId', 'conversationEnd', 'participants.purpose']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const item = projectConversation(conversation, parsed.value);
    expect(item).toEqual({ conversationId: 'c-1', originatingDirection: 'inbound', queue_id: 'q-sales', conversationEnd: null, 'participants.purpose': 'customer' });
    expect(Object.keys(item)).toEqual(['conversationId', 'originatingDirection', 'queue_id', 'conversationEnd', 'participants.purpose']);
  });
});

describe('parseFields', () => {
  it('reads a name and a path', () => {
    expect(parseFields(['conversationId', 'q:participants.sessions.segments.queueId'])).toEqual({
      ok: true,
      value: [
        { key: 'conversationId', path: ['conversationId'] },
        { key: 'q', path: ['participants', 'sessions', 'segments', 'queueId'] },
      ],
    });
    expect(parseFields([])).toEqual({ ok: true, value: [] });
  });

  const deepest = Array.from({ length: MAX_FIELD_DEPTH }, () => 'a').join('.');
  it.each([
    [['conversationId', 'participants..queueId'], /^fields\[1\] "participants\.\.queueId": part 2 of the path is empty; a path is field names joined by dots/],
    [['conversation-id'], /^fields\[0\] "conversation-id": the path "conversation-id" is not a field name \(letters, digits and _, not starting with a digit\)/],
    [['participants.sessions[0].mediaType'], /^fields\[0\] "participants\.sessions\[0\]\.mediaType": part 2 of the path "sessions\[0\]" is not a field name/],
    [['.conversationId'], /^fields\[0\] "\.conversationId": part 1 of the path is empty/],
    [['conversationId.'], /^fields\[0\] "conversationId\.": part 2 of the path is empty/],
    [[''], /^fields\[0\] "": the path is empty/],
    [['1st'], /the path "1st" is not a field name/],
    [['participants.__proto__'], /^fields\[0\] "participants\.__proto__": part 2 of the path "__proto__" is reserved/],
    [['constructor'], /the path "constructor" is reserved/],
    [['__proto__:conversationId'], /^fields\[0\] "__proto__:conversationId": the name before ":" "__proto__" is reserved/],
    [['queue id:participants.sessions.segments.queueId'], /the name before ":" "queue id" is not a field name/],
    [[':conversationId'], /^fields\[0\] ":conversationId": the name before ":" is empty/],
    [['a:b:c'], /^fields\[0\] "a:b:c": the path "b:c" is not a field name/],
    [[`${deepest}.a`], new RegExp(`^fields\\[0\\] "[a.]+": has ${MAX_FIELD_DEPTH + 1} levels; at most ${MAX_FIELD_DEPTH}$`)],
    [[`a${'b'.repeat(MAX_FIELD_CHARS)}`], new RegExp(`^fields\\[0\\] "ab+": is longer than ${MAX_FIELD_CHARS} characters$`)],
    [['conversationId', 'originatingDirection', 'conversationId'], /^fields\[2\] "conversationId": the key "conversationId" is already given by fields\[0\]; name one of them \(name:path\)$/],
    [['id:conversationId', 'id:participants.participantId'], /^fields\[1\] "id:participants\.participantId": the key "id" is already given by fields\[0\]/],
    [['conversationId', 'conversationId:participants.participantId'], /the key "conversationId" is already given by fields\[0\]/],
    [Array.from({ length: MAX_FIELDS + 1 }, (_, index) => `f${index}`), new RegExp(`^fields has ${MAX_FIELDS + 1} entries; at most ${MAX_FIELDS}$`)],
  ])('refuses %j', (entries, message) => {
    const parsed = parseFields(entries);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('accepts the deepest path and the most entries allowed', () => {
    expect(parseFields([deepest]).ok).toBe(true);
    expect(parseFields(Array.from({ length: MAX_FIELDS }, (_, index) => `f${index}`)).ok).toBe(true);
  });
});
