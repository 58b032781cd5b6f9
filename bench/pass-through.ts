// The bare peer of the proxy in `npm run bench`: Fastify in front, undici behind, a cached token,
// and nothing else. The client's body goes upstream as bytes and Genesys' answer comes back as a
// stream: no parsing, validation, retries, deadline, budget or envelope (so it would forward a
// truncated or malformed body). It shows what any Node proxy on this stack costs at the least.
// With PARSE_PAGE=on it reads the answer whole and checks it with JSON.parse before sending the
// same bytes back: the least a proxy that never forwards malformed JSON costs.
// Run by Node itself (type stripping): UPSTREAM_URL=… UPSTREAM_TOKEN=… node bench/pass-through.ts
import Fastify from 'fastify';
import { Pool } from 'undici';

const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';

const upstreamUrl = process.env.UPSTREAM_URL;
const token = process.env.UPSTREAM_TOKEN;
if (!upstreamUrl || !token) throw new Error('UPSTREAM_URL and UPSTREAM_TOKEN are required');

const parsePage = process.env.PARSE_PAGE === 'on';
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
  reply.code(answer.statusCode).header('content-type', 'application/json');
  if (!parsePage) return reply.send(answer.body);
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  JSON.parse(bytes.toString('utf8'));
  return reply.send(bytes);
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => upstream.close()).then(() => process.exit(0)));
}
