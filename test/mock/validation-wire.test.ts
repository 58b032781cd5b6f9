// Every validation rule as the live route answers it: 400, the Genesys ErrorBody, its code
// and a message naming the field, with the correlation header equal to contextId.
import { describe, expect, it } from 'vitest';
import { postQuery, readErrorBody, useLoggedInMock } from './helpers.js';
import { VALIDATION_CASES } from './validation-cases.js';

const live = useLoggedInMock();

describe('POST /api/v2/analytics/conversations/details/query validation', () => {
  it.each(VALIDATION_CASES)('answers 400 $code when the rule "$rule" is broken', async ({ body, code, message }) => {
    const response = await postQuery(live.mock, live.token, body);
    expect(response.status).toBe(400);
    const error = await readErrorBody(response);
    expect(error).toMatchObject({ status: 400, code, message });
    expect(error.messageWithParams).toBe(error.message);
  });
});
