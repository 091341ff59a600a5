# syntax=docker/dockerfile:1
# Adopting Together: one app process per container, on an external PostgreSQL (DATABASE_URL).
# Rehearsed without Docker by `npm run deploy:rehearse` (it follows these instructions in folders):
# see README "Deployment and scale-out".

# 1. Build: every dependency, compile the command and server into dist/, then drop dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN node scripts/build.mjs && npm prune --omit=dev --ignore-scripts

# 2. Run: production dependencies, dist/ and the files read at run time (migrations, views, locales,
#    public/), owned by root and run by the unprivileged `node` user, which can write only /data.
FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/public ./public
COPY --from=build /app/src ./src
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/together.js", "serve"]
