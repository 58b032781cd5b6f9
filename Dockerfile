# syntax=docker/dockerfile:1
# One image, two services: the retry proxy (default) and the mock Genesys (`node dist/mock-genesys.js`).
# Node 24 LTS (see README, "Runtime and dependencies"). Build with the commit it comes from:
#   docker build --build-arg BUILD_COMMIT=$(git rev-parse HEAD) -t genesys-retry-proxy .
# File limit: a container inherits the runtime's nofile limit (often 1,024); each open connection
# is a file, so run with e.g. `--ulimit nofile=65536:65536` (compose sets `ulimits`, see README).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY common ./common
COPY src ./src
COPY mock-genesys ./mock-genesys
# The proxy and the mock are bundled into dist/proxy.js and dist/mock-genesys.js with the shipped
# actions and scenarios validated in (harness/bundle.ts, which takes the list of bundles from
# harness/launch.js).
COPY harness/bundle.ts harness/launch.js ./harness/
COPY actions ./actions
COPY scenarios ./scenarios
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ARG BUILD_COMMIT
# glibc's malloc with fixed thresholds: by default it raises them after freeing a large block
# (up to 32 MiB for mmap, 64 MiB for trimming) and then keeps that much freed memory; fixed at
# 128 KiB, freed memory goes back to the system (measured: resting RSS 25 MB lower, and back
# within 4 MB of it after endless and 200 MB upstream bodies; no CPU cost). README, "Memory".
ENV NODE_ENV=production \
    BUILD_COMMIT=${BUILD_COMMIT} \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files read at run time, beside the compiled modules that read them.
COPY package.json ./
COPY scenarios ./dist/scenarios
COPY actions ./dist/actions
COPY mock-genesys/console ./dist/mock-genesys/console
# Non-root: the base image's `node` user (uid 1000) owns nothing it could rewrite.
USER node
EXPOSE 3000 4010
# The proxy's liveness (the mock overrides it in compose); no curl in slim images, so Node's fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/proxy.js"]
