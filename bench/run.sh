#!/usr/bin/env bash
# Load test on loopback: starts `stile serve` with the launcher's JVM flags (-Xmx64m ...), drives it
# with CLIENTS concurrent clients for DURATION seconds per scenario (step /sign with JWK one-time
# tokens, then complete ACME dns-01 orders), samples the server's RSS from /proc every 200 ms and
# prints the peak; then runs the same dns-01 load against Debian's pebble for comparison.
#
#   bench/run.sh                       # 4 clients, 30 s per scenario
#   CLIENTS=8 DURATION=10 bench/run.sh
#   NMT=1 bench/run.sh                 # also -XX:NativeMemoryTracking=summary + jcmd summary at peak load
#   STILE_JAVA_OPTS="-XX:TieredStopAtLevel=4" bench/run.sh   # try other flags (appended by ./stile)
#   H2_CACHE_KB=4096 bench/run.sh     # H2 page cache size (KiB) for the run
#   SKIP_PEBBLE=1 / SKIP_ACME=1 / SKIP_SIGN=1 / SKIP_BUILD=1
#
# Results are appended to bench/results/load-<timestamp>.txt. Only 127.0.0.1 is ever contacted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${CLIENTS:-4}"
DURATION="${DURATION:-30}"
jar="$root/bench/target/benchmarks.jar"
mkdir -p "$root/bench/results"
results="$root/bench/results/load-$(date +%Y%m%d-%H%M%S).txt"
work="$(mktemp -d /tmp/stile-bench.XXXXXX)"
pids=()

cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap cleanup EXIT

log() { echo "bench: $*" | tee -a "$results" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# sample_rss PID FILE: one "epoch-ms rss-KiB" line every 200 ms while PID lives.
sample_rss() {
    local pid="$1" file="$2" rss
    while kill -0 "$pid" 2>/dev/null; do
        rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
        [[ -n "$rss" ]] && echo "$(date +%s%3N) $rss" >>"$file"
        sleep 0.2
    done
}

# cpu_ticks PID: user + system CPU time of PID in clock ticks (/proc/PID/stat fields 14 and 15).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_s="$(getconf CLK_TCK)"

# cpu_per_op NAME TICKS_BEFORE: the server's CPU milliseconds per successful operation of the last run.
cpu_per_op() {
    local ok
    ok="$(grep "^stile $1" "$results" | tail -1 | sed -E 's/.* ([0-9]+) ok,.*/\1/')"
    awk -v a="$2" -v b="$(cpu_ticks "$stile_pid")" -v ok="$ok" -v hz="$ticks_per_s" -v n="$1" \
        'BEGIN { if (ok > 0) printf "stile %s: server CPU %.1f s, %.2f ms per operation (%.0f ops per CPU-second)\n", n, (b-a)/hz, (b-a)/hz*1000/ok, ok/((b-a)/hz) }' \
        | tee -a "$results" >&2
}

peak_mib() { awk 'BEGIN{m=0} {if ($2>m) m=$2} END{printf "%.1f", m/1024}' "$1"; }

wait_file() {
    local file="$1" i
    for i in $(seq 1 300); do
        [[ -s "$file" ]] && return 0
        sleep 0.2
    done
    echo "bench: $file did not appear" >&2
    return 1
}

driver() { java -Xmx512m -cp "$jar" dev.stile.bench.load.LoadDriver "$@"; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
    (cd "$root" && ./mvnw -q -o -Pbench -pl bench -am package -DskipTests) >&2
fi
log "$(date -u +%FT%TZ) clients=$CLIENTS duration=${DURATION}s, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- Stile -------------------------------------------------------------------------------------
port="$(free_port)"
echo "bench-password" >"$work/password"
"$root/stile" init --dir "$work/ca" --name "Stile Bench" --dns localhost,127.0.0.1 --address "127.0.0.1:$port" \
    --provisioner bench@example.com --password-file "$work/password" --acme >"$work/init.log"
# The load test drives one account per client as fast as it can: far beyond the ACME rate limits
# meant for real clients (docs/configuration.md, rateLimits), which it would otherwise measure.
python3 - "$work/ca/config/ca.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["rateLimits"] = {"enabled": False}
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
# H2_CACHE_KB=N: open the embedded database with CACHE_SIZE=N (KiB; H2's default is 16 MiB of heap).
if [[ -n "${H2_CACHE_KB:-}" ]]; then
    python3 - "$work/ca/config/ca.json" "$H2_CACHE_KB" <<'PY'
import json, sys
path, kb = sys.argv[1], sys.argv[2]
c = json.load(open(path))
c["db"]["dataSource"] = "jdbc:h2:file:" + c["db"]["dataSource"] + ";CACHE_SIZE=" + kb
json.dump(c, open(path, "w"), indent=2)
PY
fi
url="https://127.0.0.1:$port"
trust="$work/ca/certs/root_ca.crt"

# The DNS responder lives in the ACME driver; when ACME is skipped a dead address is fine.
dns_file="$work/dns.addr"
if [[ -z "${SKIP_ACME:-}" ]]; then
    # The driver waits for the directory; it starts first so the server can be pointed at its DNS.
    driver acme --directory "$url/acme/acme/directory" --trust "$trust" --dns-address-file "$dns_file" \
        --start-file "$work/acme.go" --clients "$CLIENTS" --seconds "$DURATION" --label stile --out "$results" \
        --wait-seconds 600 >"$work/acme.out" 2>&1 &
    acme_pid=$!
    pids+=("$acme_pid")
    wait_file "$dns_file"
    # The ACME run is held back until /sign is done: $work/acme.go releases it (below).
else
    echo "127.0.0.1:9" >"$dns_file"
fi

extra="${STILE_JAVA_OPTS:-}"
[[ -n "${NMT:-}" ]] && extra="$extra -XX:NativeMemoryTracking=summary"
STILE_JAVA_OPTS="$extra" "$root/stile" serve "$work/ca/config/ca.json" --password-file "$work/password" \
    --resolver "$(cat "$dns_file")" >"$work/stile.log" 2>&1 &
stile_pid=$!
pids+=("$stile_pid")
sample_rss "$stile_pid" "$work/stile.rss" &
pids+=("$!")
# Wait until it answers, so start-up CPU is not charged to the first scenario.
for i in $(seq 1 600); do
    curl -sf --cacert "$trust" "$url/health" >/dev/null 2>&1 && break
    kill -0 "$stile_pid" 2>/dev/null || { cat "$work/stile.log" >&2; exit 1; }
    sleep 0.2
done
log "stile serve pid $stile_pid on $url, RSS after start $(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' /proc/$stile_pid/status) MiB (JVM: $(tr '\0' ' ' </proc/$stile_pid/cmdline | sed 's/ -jar .*//'))"

nmt() {
    if [[ -n "${NMT:-}" ]]; then
        jcmd "$stile_pid" VM.native_memory summary >"$root/bench/results/nmt-$1.txt" 2>&1 || true
        log "NMT summary ($1) in bench/results/nmt-$1.txt"
    fi
}

if [[ -z "${SKIP_SIGN:-}" ]]; then
    ( sleep $((DURATION * 2 / 3 + 5)); nmt sign ) &
    pids+=("$!")
    before="$(cpu_ticks "$stile_pid")"
    driver sign --url "$url" --ca-json "$work/ca/config/ca.json" --password-file "$work/password" --trust "$trust" \
        --clients "$CLIENTS" --seconds "$DURATION" --label stile --out "$results" >&2 || log "the /sign run failed"
    cpu_per_op "step /sign" "$before"
fi
if [[ -z "${SKIP_ACME:-}" ]]; then
    before="$(cpu_ticks "$stile_pid")"
    touch "$work/acme.go"
    ( sleep $((DURATION * 2 / 3)); nmt acme ) &
    pids+=("$!")
    wait "$acme_pid" || log "the Stile ACME run failed: $(tail -3 "$work/acme.out")"
    cat "$work/acme.out" >&2
    cpu_per_op "ACME dns-01" "$before"
fi
log "stile peak RSS under load: $(peak_mib "$work/stile.rss") MiB ($(wc -l <"$work/stile.rss") samples every 200 ms)"
kill "$stile_pid" 2>/dev/null || true
wait "$stile_pid" 2>/dev/null || true

# ---- pebble ------------------------------------------------------------------------------------
if [[ -z "${SKIP_PEBBLE:-}" ]] && command -v pebble >/dev/null; then
    pport="$(free_port)"
    mport="$(free_port)"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=pebble bench" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/pebble.key" -out "$work/pebble.crt" \
        2>/dev/null
    cat >"$work/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pport", "managementListenAddress": "127.0.0.1:$mport",
  "certificate": "$work/pebble.crt", "privateKey": "$work/pebble.key",
  "httpPort": 5002, "tlsPort": 5001, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
    rm -f "$work/pebble-dns.addr"
    driver acme --directory "https://127.0.0.1:$pport/dir" --trust "$work/pebble.crt" \
        --dns-address-file "$work/pebble-dns.addr" --clients "$CLIENTS" --seconds "$DURATION" --label pebble \
        --out "$results" --wait-seconds 120 >"$work/pebble-acme.out" 2>&1 &
    pacme=$!
    pids+=("$pacme")
    wait_file "$work/pebble-dns.addr"
    PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 pebble -config "$work/pebble.json" \
        -dnsserver "$(cat "$work/pebble-dns.addr")" >"$work/pebble.log" 2>&1 &
    pebble_pid=$!
    pids+=("$pebble_pid")
    sample_rss "$pebble_pid" "$work/pebble.rss" &
    pids+=("$!")
    pbefore="$(cpu_ticks "$pebble_pid")"
    wait "$pacme" || log "the pebble ACME run failed: $(tail -3 "$work/pebble-acme.out")"
    cat "$work/pebble-acme.out" >&2
    pok="$(grep "^pebble ACME" "$results" | tail -1 | sed -E 's/.* ([0-9]+) ok,.*/\1/')"
    awk -v a="$pbefore" -v b="$(cpu_ticks "$pebble_pid")" -v ok="$pok" -v hz="$ticks_per_s" \
        'BEGIN { if (ok > 0) printf "pebble ACME dns-01: server CPU %.1f s, %.2f ms per operation (%.0f ops per CPU-second)\n", (b-a)/hz, (b-a)/hz*1000/ok, ok/((b-a)/hz) }' \
        | tee -a "$results" >&2
    log "pebble peak RSS under load: $(peak_mib "$work/pebble.rss") MiB"
    kill "$pebble_pid" 2>/dev/null || true
fi

echo "---- results ($results) ----"
cat "$results"
echo "logs in $work"
