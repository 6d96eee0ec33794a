#!/usr/bin/env bash
# Builds, trains and runs the gateway's container image without a Docker engine, with podman and
# runc from Debian's packages (installed here when missing and running as root).
#
#   image.sh build                    context in target/image/context, image without AOT cache
#   image.sh train ENV_FILE PORT      runs it once recording the AOT cache, rebuilds, writes the OCI
#                                     archive target/delisting-gateway-<version>-oci.tar
#   image.sh run ENV_FILE NAME [OPTS] starts the final image (host network), its AOT cache required and
#                                     OPTS added to the JVM's options, prints the container id
#   image.sh stop NAME
# IMAGE_VERSION (the project version) names the image. Used by the benchmark harness in ./mvnw verify.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
WORK="$ROOT/target/image"
VERSION="${IMAGE_VERSION:?IMAGE_VERSION is the project version}"
IMAGE="localhost/delisting-gateway:$VERSION"
ARCHIVE="$ROOT/target/delisting-gateway-$VERSION-oci.tar"
# The runtime's modules: Java SE plus what Quarkus, Hibernate and the driver reach outside it.
MODULES="java.se,jdk.unsupported,jdk.crypto.cryptoki,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.localedata,jdk.charsets"

log() { printf '[image] %s\n' "$*" >&2; }

podman_ready() {
    if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            log "installing podman and runc from Debian's packages"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc >/dev/null 2>&1 \
                || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc >/dev/null; }
        else
            log "podman and runc are needed (Debian: apt-get install podman runc)"
            exit 3
        fi
    fi
    # This kind of machine lets no process raise its limits and mixes cgroup versions: no default
    # ulimits, cgroupfs, runc.
    mkdir -p "$WORK"
    printf '[containers]\ndefault_ulimits = []\n[engine]\nevents_logger = "file"\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' \
        > "$WORK/containers.conf"
    export CONTAINERS_CONF="$WORK/containers.conf"
}

build_context() {
    local jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
    local ctx="$WORK/context"
    rm -rf "$ctx"
    mkdir -p "$ctx/rootfs/etc" "$ctx/rootfs/tmp" "$ctx/aot"
    chmod 1777 "$ctx/rootfs/tmp"
    log "runtime: jlink from $jdk ($("$jdk/bin/java" -version 2>&1 | head -1))"
    "$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
        --output "$ctx/rootfs/opt/java"
    # The C libraries the runtime links against, from this machine, with their loader.
    # (not those of the desktop's window, sound and splash-screen libraries: the gateway runs headless)
    find "$ctx/rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
        ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' -print0 \
        | { xargs -0 ldd 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
        | sort -u | while read -r lib; do
            mkdir -p "$ctx/rootfs$(dirname "$lib")"
            cp -L "$lib" "$ctx/rootfs$lib"
        done
    printf 'root:x:0:0:root:/root:/sbin/nologin\ngateway:x:185:185:delisting gateway:/deployments:/sbin/nologin\n' \
        > "$ctx/rootfs/etc/passwd"
    printf 'root:x:0:\ngateway:x:185:\n' > "$ctx/rootfs/etc/group"
    printf 'hosts: files dns\n' > "$ctx/rootfs/etc/nsswitch.conf"
    mkdir -p "$ctx/deployments"
    cp -r "$ROOT/target/quarkus-app/." "$ctx/deployments/"
}

build_image() {
    podman build --quiet -f "$ROOT/src/main/docker/Dockerfile.jvm" -t "$IMAGE" "$WORK/context" >/dev/null
}

await_ready() {
    local port="$1" container="$2"
    for _ in $(seq 1 600); do
        if curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
            return 0
        fi
        if [ "$(podman inspect --format '{{.State.Running}}' "$container" 2>/dev/null)" != "true" ]; then
            podman logs "$container" >&2 || true
            return 1
        fi
        sleep 0.1
    done
    return 1
}

case "${1:-}" in
    build)
        podman_ready
        [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || { log "package the gateway first"; exit 2; }
        build_context
        build_image
        log "built $IMAGE (no AOT cache yet)"
        ;;
    train)
        podman_ready
        env_file="$2" port="$3"
        out="$WORK/aot-out"
        rm -rf "$out" && mkdir -p "$out" && chmod 777 "$out"
        podman rm -f gateway-training >/dev/null 2>&1 || true
        podman run -d --name gateway-training --network host --env-file "$env_file" -v "$out:/aot-out" \
            --entrypoint /opt/java/bin/java "$IMAGE" \
            -XX:AOTCacheOutput=/aot-out/app.aot \
            -Dquarkus.http.host=127.0.0.1 -Dvertx.disableURIValidation=true \
            -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar >/dev/null
        if ! await_ready "$port" gateway-training; then
            log "the training run did not get ready; its log: $WORK/training.log"
            podman logs gateway-training > "$WORK/training.log" 2>&1 || true
            podman rm -f gateway-training >/dev/null 2>&1 || true
            exit 1
        fi
        for path in /q/health/ready /q/health/live /q/openapi /api/v1/me; do
            curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
        done
        podman stop -t 120 gateway-training >/dev/null
        podman logs gateway-training > "$WORK/training.log" 2>&1 || true
        podman rm gateway-training >/dev/null
        [ -s "$out/app.aot" ] || { log "no AOT cache recorded; see $WORK/training.log"; exit 1; }
        cp "$out/app.aot" "$WORK/context/aot/app.aot"
        build_image
        rm -f "$ARCHIVE"
        podman save --quiet --format oci-archive -o "$ARCHIVE" "$IMAGE"
        log "wrote $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)) with its AOT cache ($(du -h "$out/app.aot" | cut -f1))"
        ;;
    run)
        podman_ready
        podman rm -f "$3" >/dev/null 2>&1 || true
        podman run -d --name "$3" --network host --env-file "$2" -e "JAVA_TOOL_OPTIONS=-XX:AOTMode=on${4:+ $4}" "$IMAGE"
        ;;
    stop)
        podman_ready
        podman logs "$2" > "$WORK/$2.log" 2>&1 || true
        podman rm -f -t 20 "$2" >/dev/null 2>&1 || true
        ;;
    *)
        echo "usage: image.sh build | train ENV_FILE PORT | run ENV_FILE NAME [JVM_OPTIONS] | stop NAME" >&2
        exit 2
        ;;
esac
