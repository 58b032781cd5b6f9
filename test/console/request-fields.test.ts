import { describe, expect, it } from 'vitest';
import { fieldsFromRequest, requestFromFields } from '../../mock-genesys/console/public/request-fields.js';

describe('the console request form', () => {
  it('shows a scenario request as field strings, lists comma-joined', () => {
    expect(fieldsFromRequest({ queue_ids: ['q1', 'q2'], interval: '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z', deadline_ms: 2000 })).toEqual({
      queue_ids: 'q1, q2',
      media_types: '',
      interval: '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z',
      filter_expression: '',
      deadline_ms: '2000',
      page_size: '',
      max_pages: '',
    });
  });

  it('builds the body from the fields, keeping fields the form does not show and dropping emptied ones', () => {
    const base = { query: { order: 'desc' }, interval: 'old', page_size: 25 };
    const body = requestFromFields(base, { queue_ids: ' q1 ,, q2 ', interval: '', deadline_ms: '3000', page_size: '', filter_expression: "media.type='voice'" });
    expect(body).toEqual({ query: { order: 'desc' }, queue_ids: ['q1', 'q2'], filter_expression: "media.type='voice'", deadline_ms: 3000 });
  });

  it('sends a number that does not parse as typed, for the proxy to reject', () => {
    expect(requestFromFields({}, { deadline_ms: 'soon' })).toEqual({ deadline_ms: 'soon' });
  });

  it('round-trips a request through the form unchanged', () => {
    const request = { media_types: ['voice', 'chat'], page_size: 50, max_pages: 2, deadline_ms: 8000, filter_expression: "queue.id='a'" };
    expect(requestFromFields(request, fieldsFromRequest(request))).toEqual(request);
  });
});
