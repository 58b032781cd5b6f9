// `malformed-json`: 200 with content-type application/json and a body that is not JSON
// (a conversation list cut off mid-object, as a broken upstream would send).
import { Type } from './params.js';
import { defineFault } from './fault.js';

export const MALFORMED_JSON_BODY = '{"conversations":[{"conversationId":"0b5f2c1e-malformed","participants":[{"purpose":';

export const malformedJson = defineFault({
  kind: 'malformed-json',
  params: Type.Object({}),
  needsBearerToken: false,
  apply({ reply }) {
    reply.code(200).type('application/json; charset=utf-8').send(MALFORMED_JSON_BODY);
    return { type: 'answered', applied: 'malformed-json' };
  },
});
