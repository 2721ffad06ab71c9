# fraud-sandbox as a CI service container.
#   docker build -t fraud-sandbox .
#   docker run --rm -p 8080:8080 -v "$PWD/scenarios:/scenarios:ro" fraud-sandbox --scenario /scenarios/my.json

# --- build stage: the same scripts as CI and laptops ---
FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN FS_TARGET=fraud-sandbox FS_CMAKE_ARGS="-DFS_BUILD_TESTS=OFF" ./scripts/build \
 && strip build/fraud-sandbox

# --- runtime stage: the binary, its shared libraries, the shipped scenarios ---
FROM debian:bookworm-slim
# Runtime libraries of build/fraud-sandbox (tests/container/check-dockerfile.sh keeps this list
# in step with `ldd`): libc6, libstdc++6 and libgcc-s1 come with the base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libboost-json1.81.0 libsodium23 libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home sandbox \
 && mkdir -p /scenarios
COPY --from=build /src/build/fraud-sandbox /usr/local/bin/fraud-sandbox
COPY --from=build /src/scenarios /usr/share/fraud-sandbox/scenarios
ENV FRAUD_SANDBOX_HOST=0.0.0.0 \
    FRAUD_SANDBOX_PORT=8080 \
    FRAUD_SANDBOX_SCENARIOS_DIR=/scenarios
USER sandbox
EXPOSE 8080
VOLUME ["/scenarios"]
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=3 CMD ["fraud-sandbox", "healthcheck"]
ENTRYPOINT ["fraud-sandbox"]
