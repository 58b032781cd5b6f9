// Upstream truth for the counting measurements: the mock's journal of one x-mock-session.
import { request } from 'undici';

export async function upstreamCallsOf(mockUrl: string, session: string): Promise<Record<string, number>> {
  const response = await request(`${mockUrl}/__admin/journal?session=${encodeURIComponent(session)}`);
  const body = (await response.body.json()) as { entries: Array<{ route: string | null; method: string; path: string }> };
  const counts: Record<string, number> = {};
  for (const entry of body.entries) {
    const key = entry.route ?? `${entry.method} ${entry.path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
