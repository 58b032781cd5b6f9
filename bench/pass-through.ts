// The bare peer of the proxy in `npm run bench`: Fastify in front, undici behind, a cached token,
// and nothing else. The client's body goes upstream as bytes and Genesys' answer comes back as a
// stream: no parsing, validation, retries, deadline, budget or envelope (so it would forward a
// truncated or malformed body). It shows what any Node proxy on this stack costs at the least.
// Run by Node itself (type stripping): UPSTREAM_URL=… UPSTREAM_TOKEN=… node bench/pass-through.ts
import Fastify from 'fastify';
import { Pool } from 'undici';

const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';

const upstreamUrl = process.env.UPSTREAM_URL;
const token = process.env.UPSTREAM_TOKEN;
if (!upstreamUrl || !token) throw new Error('UPSTREAM_URL and UPSTREAM_TOKEN are required');

const upstream = new Pool(upstreamUrl);
const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

app.post('/api/query', async (request, reply) => {
  const answer = await upstream.request({
    method: 'POST',
    path: DETAILS_QUERY_PATH,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: request.body as Buffer,
  });
  return reply.code(answer.statusCode).header('content-type', 'application/json').send(answer.body);
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => upstream.close()).then(() => process.exit(0)));
}
