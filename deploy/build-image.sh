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

build_args=()
[[ -n "$base" ]] && build_args+=(--build-arg "BASE=$base")
# shellcheck disable=SC2206 # word splitting of STILE_BUILD_ARGS is intended
extra=(${STILE_BUILD_ARGS:-})
"$tool" build -q -f "$root/deploy/Containerfile" "${build_args[@]}" "${extra[@]}" -t "$ref" "$context" >&2
echo "$ref"
