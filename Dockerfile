# The Parity services in one image; docker-compose.yml picks the entry point per service.
# node:20 ships npm 10, which installs this lock file as it is (npm install-script approvals in
# package.json are npm 11's, so install scripts are skipped here). The runtime stage applies
# patches/ itself (patch-package: a fix kafkajs has not released, see patches/README.md); the
# build stage only compiles, which no patch changes.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npx patch-package --error-on-fail && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/apps/ingest/src/main.js"]
