# podsim's image: `podsim` as the entrypoint, the example scenarios in its
# working folder. Used by deploy/sweep-job.yaml (docs/sweep.md).
#   docker build -t podsim .
#   docker run --rm podsim sweep scenarios/sweeps/capacity.yml --jobs 2
FROM node:20-bookworm-slim AS build
WORKDIR /podsim
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts
COPY src src
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /podsim
COPY --from=build /podsim/package.json ./
COPY --from=build /podsim/node_modules node_modules
COPY --from=build /podsim/dist dist
COPY scenarios scenarios
# results/ is where run and sweep write by default (results/<name>/): the
# only folder the node user may write here.
RUN chmod 755 dist/cli/bin.js && ln -s /podsim/dist/cli/bin.js /usr/local/bin/podsim && \
    mkdir results && chown node:node results
USER node
ENTRYPOINT ["podsim"]
