# syntax=docker/dockerfile:1
# One image, two services: the retry proxy (default) and the mock Genesys (`node dist/mock-genesys/main.js`).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY mock-genesys ./mock-genesys
COPY harness ./harness
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files read at run time, beside the compiled modules that read them.
COPY package.json ./
COPY scenarios ./dist/scenarios
COPY actions ./dist/actions
COPY mock-genesys/console ./dist/mock-genesys/console
USER node
EXPOSE 3000 4010
CMD ["node", "dist/src/main.js"]
