#!/usr/bin/env bash
# Start-up benchmark (issue 13 item 4): the time from exec to the first `/ready` 200 of
# `stile serve`, with an empty database and with a seeded one, and the wall time of `stile ca`
# client commands. Each is run RUNS times (default 5); the median is printed, with the median
# user+sys CPU of the process, which a shared machine disturbs less than wall time.
#
#   bench/startup.sh [--runs N] [--launcher PATH] [--seeded-home DIR] [--out FILE]
#
# --launcher: the command to time (default ./stile, which uses the application class-data
#   archives; pass e.g. "java @jvm.options -jar ca-server/target/stile.jar" for the plain JVM).
# --seeded-home: a STILE_HOME whose database holds the 100k certificates of SeededDatabaseIT
#   (copied, never changed); without it only the empty database is measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
launcher="$root/stile"
seeded=""
out=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --launcher) launcher="$2"; shift 2 ;;
        --seeded-home) seeded="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "startup.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -f "$root/ca-server/target/stile.jar" ]] || { echo "startup.sh: build first: ./mvnw -q -pl ca-server -am package -DskipTests" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ops_port=19187
https_port=19188
ticks="$(getconf CLK_TCK)"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# user+sys CPU in ms of a process (and its reaped children) from /proc/PID/stat.
cpu_ms() { awk -v t="$ticks" '{print int(($14+$15+$16+$17)*1000/t)}' "/proc/$1/stat"; }

# One start of `stile serve` on the CA in $1: prints "wall_ms cpu_ms" at the first /ready 200.
serve_once() {
    local home="$1" start pid ready cpu
    start=$(now_ms)
    STILE_HOME="$home" $launcher serve --password-file "$home/secrets/password" >"$work/serve.log" 2>&1 &
    pid=$!
    while :; do
        if curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$ops_port/ready" 2>/dev/null | grep -q 200; then
            ready=$(now_ms); cpu=$(cpu_ms "$(pgrep -P "$pid" java || echo "$pid")"); break
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "startup.sh: the server exited" >&2; exit 1; }
        sleep 0.01
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$((ready - start)) $cpu"
}

# Runs "$@" RUNS times; prints "median_wall_ms median_cpu_ms" (CPU from bash's times of children).
client_runs() {
    local walls=() cpus=() start end before after me=$BASHPID # this shell reaps the command
    for _ in $(seq "$runs"); do
        before=$(awk -v t="$ticks" '{print ($16+$17)*1000/t}' "/proc/$me/stat")
        start=$(now_ms)
        "$@" >/dev/null 2>&1 || true
        end=$(now_ms)
        after=$(awk -v t="$ticks" '{print ($16+$17)*1000/t}' "/proc/$me/stat")
        walls+=($((end - start))); cpus+=("$(awk -v a="$after" -v b="$before" 'BEGIN{print int(a-b)}')")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

serve_runs() {
    local label="$1" home="$2" walls=() cpus=() r
    # Warm the launcher's archive (first run creates it) and the page cache, not counted.
    r=$(serve_once "$home")
    for _ in $(seq "$runs"); do
        r=$(serve_once "$home"); walls+=("${r% *}"); cpus+=("${r#* }")
    done
    printf '%-34s %8s ms %8s ms   (runs: %s)\n' "$label" "$(printf '%s\n' "${walls[@]}" | median)" \
        "$(printf '%s\n' "${cpus[@]}" | median)" "${walls[*]}"
}

prepare_home() { # $1 target dir, $2 optional source STILE_HOME (copied)
    if [[ -n "${2:-}" ]]; then
        cp -r "$2" "$1"
        # The CA's own listener is the first "address", the ops listener's is in the "ops" block.
        sed -i -E -e "0,/\"address\" *: *\"[^\"]*\"/s//\"address\": \"127.0.0.1:$https_port\"/" \
            -e "/\"ops\" *:/,/}/ s/(\"address\" *: *)\"[^\"]*\"/\1\"127.0.0.1:$ops_port\"/" "$1/config/ca.json"
        return
    fi
    # The first start of `stile serve` creates a CA (and its database) in $STILE_HOME.
    STILE_HOME="$1" java -jar "$root/ca-server/target/stile.jar" serve --address "127.0.0.1:$https_port" \
        --ops-address "127.0.0.1:$ops_port" >"$work/init.log" 2>&1 &
    local pid=$!
    until curl -s -o /dev/null "http://127.0.0.1:$ops_port/ready"; do sleep 0.1; done
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

{
    echo "# bench/startup.sh, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# launcher: $launcher; $(java -version 2>&1 | head -1)"
    printf '%-34s %11s %11s\n' "# measurement (median of $runs)" "wall" "user+sys"
    prepare_home "$work/empty"
    serve_runs "serve: exec -> /ready 200, empty DB" "$work/empty"
    if [[ -n "$seeded" ]]; then
        prepare_home "$work/seeded" "$seeded"
        serve_runs "serve: exec -> /ready 200, 100k DB" "$work/seeded"
    fi
    # Client commands against the empty CA, running.
    STILE_HOME="$work/empty" $launcher serve --password-file "$work/empty/secrets/password" >"$work/serve.log" 2>&1 &
    server=$!
    until curl -s -o /dev/null "http://127.0.0.1:$ops_port/ready"; do sleep 0.1; done
    export STILE_CLIENT_HOME="$work/client"
    fp=$(openssl x509 -in "$work/empty/certs/root_ca.crt" -outform DER | sha256sum | cut -d' ' -f1)
    $launcher ca bootstrap --ca-url "https://localhost:$https_port" --fingerprint "$fp" >/dev/null 2>&1
    $launcher ca --help >/dev/null 2>&1 # first run creates the client archive, not counted
    for cmd in "ca --help" "ca health" "ca roots" \
        "ca certificate bench.localhost $work/c.crt $work/c.key --provisioner admin --password-file $work/empty/secrets/password --force"; do
        r=$(client_runs $launcher $cmd)
        printf '%-34s %8s ms %8s ms\n' "stile ${cmd%% bench.localhost*}" "${r% *}" "${r#* }"
    done
    kill "$server"; wait "$server" 2>/dev/null || true
} | tee ${out:+"$out"}
