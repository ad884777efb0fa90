#!/usr/bin/env bash
# Builds Stile's container image from deploy/Containerfile with podman (or docker) and prints the
# image reference it tagged, which is the one deploy/kubernetes/base/kustomization.yaml names.
#
#   deploy/build-image.sh [--base IMAGE] [--tag REF] [--tool podman|docker] [--print-ref]
#
#   --base IMAGE  the JRE image to build on (default: the Containerfile's, eclipse-temurin:17-jre)
#   --tag REF     the reference to tag (default: ghcr.io/stile-dev/stile:<version from pom.xml>)
#   --tool T      podman or docker (default: podman if installed, else docker)
#   --print-ref   only print the default reference, build nothing
#   STILE_BUILD_ARGS  extra arguments for `podman build` (e.g. --platform linux/arm64)
#   STILE_IMAGE_CDS=off  no class-data archive (otherwise the built image runs `serve` once to write
#                        one, then the image is built again with it; not for --platform builds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The project version: the root pom's own <version> (indented two spaces; dependencies are deeper).
version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
ref="ghcr.io/stile-dev/stile:${version}"
base=""
tool=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --base) base="$2"; shift 2 ;;
        --tag) ref="$2"; shift 2 ;;
        --tool) tool="$2"; shift 2 ;;
        --print-ref) echo "$ref"; exit 0 ;;
        *) echo "build-image.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
    esac
done
if [[ -z "$tool" ]]; then
    if command -v podman >/dev/null; then tool=podman; elif command -v docker >/dev/null; then tool=docker
    else echo "build-image.sh: neither podman nor docker is installed (apt-get install podman)" >&2; exit 2; fi
fi

jar="$root/ca-server/target/stile.jar"
if [[ ! -f "$jar" ]]; then
    echo "build-image.sh: building $jar first" >&2
    (cd "$root" && ./mvnw -q -B -DskipTests package) >&2
fi

# A small build context: only what the image contains, not the repository and its target/ trees.
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$jar" "$root/jvm.options" "$context/"
# The per-architecture native crypto jars that sit beside stile.jar (docs/performance.md).
mkdir "$context/crypto"
cp "$root"/ca-server/target/crypto/stile-crypto-*.jar "$context/crypto/" 2>/dev/null \
    || echo "build-image.sh: no native crypto jars in ca-server/target/crypto; the image will use BouncyCastle" >&2
mkdir "$context/data"
# The class-data archive (docs/performance.md, "Start-up"): empty until the training run below
# made one; the entrypoint reads its flags from cds.options (an empty file: no archive).
mkdir "$context/cds"
: >"$context/cds.options"

build_args=()
[[ -n "$base" ]] && build_args+=(--build-arg "BASE=$base")
# shellcheck disable=SC2206 # word splitting of STILE_BUILD_ARGS is intended
extra=(${STILE_BUILD_ARGS:-})
build() {
    "$tool" build -q -f "$root/deploy/Containerfile" "${build_args[@]}" "${extra[@]}" -t "$ref" "$context" >&2
}
build

# An archive fits only the JVM that wrote it, so the image's own java writes it: `serve` runs once
# in the built image on a scratch CA (no network), is stopped when it serves, and JDK 17 writes the
# classes it loaded at exit. The image is then built again with the archive (the layers before it
# are reused, so the jar the archive names is the same file). Skipped for a cross-architecture
# build (--platform in STILE_BUILD_ARGS: running it would need emulation) or STILE_IMAGE_CDS=off;
# any failure only means an image without an archive, which starts as before, just slower.
train_archive() {
    local name="stile-cds-training-$$" i
    chmod 0777 "$context/cds"
    "$tool" rm -f -t 0 "$name" >/dev/null 2>&1 || true
    "$tool" run -d --name "$name" --network none -v "$context/cds:/cds" --entrypoint java "$ref" \
        @/opt/stile/jvm.options -XX:ArchiveClassesAtExit=/cds/stile-server.jsa -Xlog:cds*=off \
        -jar /opt/stile/stile.jar serve --address=127.0.0.1:9000 --ops-address=127.0.0.1:9100 >/dev/null || return 1
    for i in $(seq 1 240); do
        "$tool" logs "$name" 2>&1 | grep -q "serving HTTPS" && break
        [[ "$("$tool" inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" == true ]] || break
        sleep 0.5
    done
    "$tool" stop -t 60 "$name" >/dev/null 2>&1 || true
    "$tool" rm -f -t 0 "$name" >/dev/null 2>&1 || true
    # Used only when the image's java maps it (a truncated archive would crash the JVM mapping it).
    [[ -s "$context/cds/stile-server.jsa" ]] && "$tool" run --rm --network none -v "$context/cds:/cds" \
        --entrypoint java "$ref" -Xshare:on -XX:SharedArchiveFile=/cds/stile-server.jsa -Xlog:cds*=off \
        -cp /opt/stile/stile.jar -version >/dev/null 2>&1
}
if [[ "${STILE_IMAGE_CDS:-on}" != off && " ${extra[*]} " != *" --platform"* ]]; then
    if train_archive; then
        chmod 0644 "$context/cds/stile-server.jsa"
        printf '%s\n' "-XX:SharedArchiveFile=/opt/stile/cds/stile-server.jsa" "-Xlog:cds*=off" >"$context/cds.options"
        build
    else
        rm -f "$context/cds/"*
        echo "build-image.sh: no class-data archive for the image (the training run failed); it starts without one" >&2
    fi
fi
echo "$ref"
