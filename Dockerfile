# syntax=docker/dockerfile:1

# Build stage: compiles better-sqlite3's native addon and the TypeScript sources.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: only the compiled code, production dependencies and migrations.
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    SANTA_DB=/data/santa.db \
    SANTA_OUTBOX_DIR=/data/outbox \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
ENTRYPOINT ["node", "dist/src/cli/index.js"]
CMD ["serve"]
