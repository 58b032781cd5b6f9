import { describe, expect, it } from 'vitest';
import { describeOutcome, formatMs, layoutTimeline, MIN_BAR_PCT, tickLabel, tickStep, type JournalCall } from '../../mock-genesys/console/public/timeline.js';

const START = '2026-11-01T10:00:00.000Z';

function at(offsetMs: number): string {
  return new Date(Date.parse(START) + offsetMs).toISOString();
}

function call(offsetMs: number, durationMs: number, fields: Partial<JournalCall> = {}): JournalCall {
  return { time: at(offsetMs), method: 'POST', path: '/api/v2/analytics/conversations/details/query', route: 'analytics-query', page: 1, fault: 'pass', status: 200, duration_ms: durationMs, ...fields };
}

describe('layoutTimeline', () => {
  it('places each call at its offset from the run start with the wait before the next one', () => {
    const journal = [
      call(5, 10, { route: 'token', path: '/oauth/token', page: null }),
      call(20, 15, { fault: 'status', status: 429 }),
      call(535, 12, { fault: 'status', status: 429 }),
      call(1547, 30),
    ];
    const layout = layoutTimeline({ journal, startedAt: START, elapsedMs: 1600, deadlineMs: 8000 });
    expect(layout.bars.map((bar) => [bar.label, bar.outcome, bar.startMs, bar.durationMs, bar.waitAfterMs])).toEqual([
      ['token', '200', 5, 10, 5],
      ['analytics-query p1', '429', 20, 15, 500],
      ['analytics-query p1', '429', 535, 12, 1000],
      ['analytics-query p1', '200', 1547, 30, null],
    ]);
    expect(layout.bars.map((bar) => bar.kind)).toEqual(['ok', 'throttled', 'throttled', 'ok']);
    expect(layout.bars[1]?.waitWidthPct).toBeCloseTo((500 / layout.axisMs) * 100);
    expect(layout.bars[3]?.waitWidthPct).toBe(0);
  });

  it('sorts calls by start and reads end times when the journal records ends', () => {
    const journal = [call(300, 100), call(150, 100)];
    const layout = layoutTimeline({ journal, startedAt: START, elapsedMs: 400, deadlineMs: 1000, timeIs: 'end' });
    expect(layout.bars.map((bar) => [bar.index, bar.startMs, bar.endMs])).toEqual([
      [1, 50, 150],
      [2, 200, 300],
    ]);
    expect(layout.bars[0]?.waitAfterMs).toBe(50);
  });

  it('draws the deadline inside the axis and converts offsets to percentages of it', () => {
    const layout = layoutTimeline({ journal: [call(0, 2000)], startedAt: START, elapsedMs: 2100, deadlineMs: 8000 });
    expect(layout.axisMs).toBeGreaterThan(8000);
    expect(layout.deadlinePct).toBeCloseTo((8000 / layout.axisMs) * 100);
    expect(layout.bars[0]?.widthPct).toBeCloseTo((2000 / layout.axisMs) * 100);
    expect(layout.ticks[0]).toEqual({ ms: 0, pct: 0, label: '0 s' });
    expect(layout.ticks.at(-1)?.ms).toBeLessThanOrEqual(layout.axisMs);
  });

  it('keeps a very short call visible and never past the axis end', () => {
    const layout = layoutTimeline({ journal: [call(0, 1), call(7999, 5000)], startedAt: START, elapsedMs: 8000, deadlineMs: 8000 });
    expect(layout.bars[0]?.widthPct).toBe(MIN_BAR_PCT);
    const last = layout.bars[1]!;
    expect(last.leftPct + last.widthPct).toBeLessThanOrEqual(100);
  });

  it('says the deadline was reached when the run lasted until just before it', () => {
    const hang = [call(10, 1960, { fault: 'hang', status: null })];
    expect(layoutTimeline({ journal: hang, startedAt: START, elapsedMs: 1985, deadlineMs: 2000 }).deadlineReached).toBe(true);
    expect(layoutTimeline({ journal: [call(10, 40)], startedAt: START, elapsedMs: 60, deadlineMs: 2000 }).deadlineReached).toBe(false);
  });

  it('lays out a run with no upstream call', () => {
    const layout = layoutTimeline({ journal: [], startedAt: START, elapsedMs: 3, deadlineMs: 8000 });
    expect(layout.bars).toEqual([]);
    expect(layout.deadlineReached).toBe(false);
  });
});

describe('describeOutcome', () => {
  it('names a call that got no answer by its fault', () => {
    expect(describeOutcome(call(0, 1, { fault: 'hang', status: null }))).toEqual({ outcome: 'hang', kind: 'network' });
    expect(describeOutcome(call(0, 1, { fault: 'reset', status: null }))).toEqual({ outcome: 'reset', kind: 'network' });
  });

  it('adds the fault to the status when a body fault broke a sent answer', () => {
    expect(describeOutcome(call(0, 1, { fault: 'truncated-body', status: 200 }))).toEqual({ outcome: '200 truncated-body', kind: 'network' });
  });

  it('classes statuses: 2xx ok, 429 throttled, others errors', () => {
    expect(describeOutcome(call(0, 1, { fault: 'status', status: 503 })).kind).toBe('error');
    expect(describeOutcome(call(0, 1, { fault: 'rate-limit', status: 429 }))).toEqual({ outcome: '429 rate-limit', kind: 'throttled' });
    expect(describeOutcome(call(0, 1, { fault: 'status', status: 403 })).kind).toBe('error');
  });
});

describe('tickStep and formatMs', () => {
  it('chooses round tick steps', () => {
    expect(tickStep(8400)).toBe(2000);
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(60)).toBe(10);
  });

  it('labels ticks in one unit per axis, with the digits the step needs', () => {
    expect([tickLabel(0, 200, 1500), tickLabel(400, 200, 1500)]).toEqual(['0 ms', '400 ms']);
    expect([tickLabel(0, 500, 2500), tickLabel(1500, 500, 2500), tickLabel(4000, 2000, 8400)]).toEqual(['0 s', '1.5 s', '4 s']);
  });

  it('writes durations for people', () => {
    expect([formatMs(12.4), formatMs(840), formatMs(2400), formatMs(12_345)]).toEqual(['12 ms', '840 ms', '2.4 s', '12 s']);
  });
});
