#!/usr/bin/env bash
# Steady-state load comparison on loopback, side by side in one run:
#   POST /1.0/sign (JWK one-time tokens): Stile, and step-ca when STEP_CA=/path/to/step-ca is given
#   full ACME dns-01 order (acme4j):       Stile, and Debian's pebble
# Each server is started once per operation group, driven by CLIENTS concurrent clients for WARMUP
# seconds (not counted), then measured for DURATION seconds on the same process and connections.
# Only the measured window counts: rate, latency p50/p99, the server's CPU ms per operation (from
# /proc/PID/stat at the window's start and end) and its peak RSS in the window (sampled every
# 100 ms) and since start (VmHWM). Servers run one after the other, never at the same time.
#
#   bench/run.sh                                   # 4 clients, 20 s warm-up + 20 s measured per server and operation
#   WARMUP=5 DURATION=5 CLIENTS=2 bench/run.sh     # short smoke run
#   STEP_CA=/tmp/step-ca-bench/step-ca bench/run.sh   # + step-ca (bench/build-step-ca.sh builds one)
#   NMT=1 bench/run.sh                             # + Stile with -XX:NativeMemoryTracking=summary, jcmd summaries
#   STILE_JAVA_OPTS="-XX:TieredStopAtLevel=4" bench/run.sh   # other flags (appended by ./stile)
#   H2_CACHE_KB=4096 bench/run.sh                  # H2 page cache size (KiB) for the run
#   SKIP_PEBBLE=1 / SKIP_ACME=1 / SKIP_SIGN=1 / SKIP_BUILD=1 / KEEP_WORK=1 (keep the CA dirs and logs)
#
# Results: bench/results/<UTC time>/ holds load.txt (driver outputs), rows.tsv (one line per server
# and operation), table.md (the side-by-side tables, also printed) and the first and last lines of each server's log.
# Only 127.0.0.1 is ever contacted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${CLIENTS:-4}"
WARMUP="${WARMUP:-20}"
DURATION="${DURATION:-20}"
STEP_CA="${STEP_CA:-}"
jar="$root/bench/target/benchmarks.jar"
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
results="$out/load.txt"
rows="$out/rows.tsv"
work="$(mktemp -d /tmp/stile-bench.XXXXXX)"
pids=()

cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

log() { echo "bench: $*" | tee -a "$results" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_file() {
    local file="$1" i
    for i in $(seq 1 300); do
        [[ -s "$file" ]] && return 0
        sleep 0.2
    done
    echo "bench: $file did not appear" >&2
    return 1
}

# keep_log NAME FILE: the start-up lines and the last lines of a server's log next to the results.
keep_log() {
    [[ -f "$2" ]] || return 0
    { head -n 15 "$2"; echo "[...]"; tail -n 15 "$2"; } | cut -c1-400 >"$out/$1.log"
}

driver() { java -Dbench.clockTicks="$(getconf CLK_TCK)" -Xmx512m -cp "$jar" dev.stile.bench.load.LoadDriver "$@"; }
# Options of every measured run: the same load shape for every server.
run_opts=(--clients "$CLIENTS" --warmup-seconds "$WARMUP" --seconds "$DURATION" --out "$results" --table-file "$rows")

if [[ -z "${SKIP_BUILD:-}" ]]; then
    (cd "$root" && ./mvnw -q -o -Pbench -pl bench -am package -DskipTests) >&2
fi
log "$(date -u +%FT%TZ) clients=$CLIENTS warm-up=${WARMUP}s measured=${DURATION}s, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
log "java: $(java -version 2>&1 | head -1); pebble: $(dpkg-query -W -f='${Version}' pebble 2>/dev/null || echo absent); step-ca: ${STEP_CA:-not given}"

# ---- Stile: /sign, then ACME dns-01, on one process ------------------------------------------
port="$(free_port)"
echo "bench-password" >"$work/password"
"$root/stile" init --dir "$work/ca" --name "Stile Bench" --dns localhost,127.0.0.1 --address "127.0.0.1:$port" \
    --provisioner bench@example.com --password-file "$work/password" --acme >"$work/init.log"
# The load test drives one account per client as fast as it can: far beyond the ACME rate limits
# meant for real clients (docs/configuration.md, rateLimits), which it would otherwise measure.
python3 - "$work/ca/config/ca.json" "${H2_CACHE_KB:-}" "${H2_URL_OPTS:-}" <<'PY'
import json, sys
path, kb, opts = sys.argv[1], sys.argv[2], sys.argv[3]
c = json.load(open(path))
c["rateLimits"] = {"enabled": False}
if kb:  # H2_CACHE_KB=N: the embedded database's page cache in KiB
    opts = ";CACHE_SIZE=" + kb + opts
if opts:  # H2_URL_OPTS=";KEY=VALUE...": settings appended to the embedded database's URL
    import os  # a JDBC URL must name the file absolutely; ca.json's relative path is the CA directory's
    ds = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(path))), c["db"]["dataSource"])
    c["db"]["dataSource"] = "jdbc:h2:file:" + ds + opts
json.dump(c, open(path, "w"), indent=2)
PY
url="https://127.0.0.1:$port"
trust="$work/ca/certs/root_ca.crt"

# The DNS responder lives in the ACME driver; it starts first so the server can be pointed at it.
# Its run is held back by $work/acme.go until the /sign run is done.
dns_file="$work/dns.addr"
if [[ -z "${SKIP_ACME:-}" ]]; then
    driver acme --directory "$url/acme/acme/directory" --trust "$trust" --dns-address-file "$dns_file" \
        --start-file "$work/acme.go" --server-pid-file "$work/stile.pid" --label stile --wait-seconds 900 \
        "${run_opts[@]}" >"$work/acme.out" 2>&1 &
    acme_pid=$!
    pids+=("$acme_pid")
    wait_file "$dns_file"
else
    echo "127.0.0.1:9" >"$dns_file"
fi

extra="${STILE_JAVA_OPTS:-}"
[[ -n "${NMT:-}" ]] && extra="$extra -XX:NativeMemoryTracking=summary"
# start_stile: starts the server, waits until it answers; stile_pid is the JVM's pid.
start_stile() {
    STILE_JAVA_OPTS="$extra" "$root/stile" serve "$work/ca/config/ca.json" --password-file "$work/password" \
        --resolver "$(cat "$dns_file")" >"$work/stile.log" 2>&1 &
    stile_pid=$!
    launcher_pid=$stile_pid
    pids+=("$stile_pid")
    for i in $(seq 1 600); do
        curl -sf --cacert "$trust" "$url/health" >/dev/null 2>&1 && break
        kill -0 "$stile_pid" 2>/dev/null || { cat "$work/stile.log" >&2; exit 1; }
        sleep 0.2
    done
    # The launcher runs java as its child (not exec) while it writes a class-data archive.
    if [[ "$(cat /proc/$stile_pid/comm 2>/dev/null)" != java ]]; then
        stile_pid="$(pgrep -P "$stile_pid" -x java | head -1)"
        pids+=("$stile_pid")
    fi
}
# Users run Stile with its class-data archive (written by the first `stile serve` of a build), so
# the measured server maps one too: a first start and stop writes it when none is there yet.
start_stile
if [[ "${STILE_CDS:-auto}" != off && " $extra " != *" -XX:StartFlightRecording"* ]] \
    && [[ "$(cat /proc/$stile_pid/comm 2>/dev/null)" == java ]] \
    && ! grep -q -- '-XX:SharedArchiveFile' /proc/$stile_pid/cmdline; then
    log "stile: writing its class-data archive (first start of this build), then starting again"
    kill "$stile_pid"; wait "$launcher_pid" 2>/dev/null || true
    start_stile
fi
echo "$stile_pid" >"$work/stile.pid"
log "stile $(curl -sf --cacert "$trust" "$url/version" || true)"
log "stile pid $stile_pid on $url, RSS after start $(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' /proc/$stile_pid/status) MiB (JVM: $(tr '\0' ' ' </proc/$stile_pid/cmdline | sed 's/ -jar .*//'))"

# nmt NAME: NMT summary of Stile two thirds into the measured window.
nmt() {
    [[ -n "${NMT:-}" ]] || return 0
    ( sleep $((WARMUP + DURATION * 2 / 3)); jcmd "$stile_pid" VM.native_memory summary >"$out/nmt-$1.txt" 2>&1 || true ) &
    pids+=("$!")
}

if [[ -z "${SKIP_SIGN:-}" ]]; then
    nmt sign
    driver sign --url "$url" --ca-json "$work/ca/config/ca.json" --password-file "$work/password" --trust "$trust" \
        --server-pid-file "$work/stile.pid" --label stile "${run_opts[@]}" >&2 || log "the Stile /sign run failed"
fi
if [[ -z "${SKIP_ACME:-}" ]]; then
    nmt acme
    touch "$work/acme.go"
    wait "$acme_pid" || log "the Stile ACME run failed: $(tail -3 "$work/acme.out")"
    cat "$work/acme.out" >&2
fi
kill "$stile_pid" 2>/dev/null || true
wait "$stile_pid" 2>/dev/null || true
keep_log stile "$work/stile.log"

# ---- pebble: ACME dns-01 ---------------------------------------------------------------------
if [[ -z "${SKIP_ACME:-}" && -z "${SKIP_PEBBLE:-}" ]]; then
    if ! command -v pebble >/dev/null && [[ "$(id -u)" == 0 ]]; then
        log "installing Debian's pebble package"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q pebble >"$work/apt.log" 2>&1 || log "apt-get install pebble failed"
    fi
fi
if [[ -z "${SKIP_ACME:-}" && -z "${SKIP_PEBBLE:-}" ]] && ! command -v pebble >/dev/null; then
    log "pebble is not installed (apt-get install -y pebble): no ACME comparison"
elif [[ -z "${SKIP_ACME:-}" && -z "${SKIP_PEBBLE:-}" ]]; then
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
    driver acme --directory "https://127.0.0.1:$pport/dir" --trust "$work/pebble.crt" \
        --dns-address-file "$work/pebble-dns.addr" --server-pid-file "$work/pebble.pid" --label pebble \
        --wait-seconds 120 "${run_opts[@]}" >"$work/pebble-acme.out" 2>&1 &
    pacme=$!
    pids+=("$pacme")
    wait_file "$work/pebble-dns.addr"
    # No validation sleep and no random nonce rejection: pebble's test-only delays would be measured.
    PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 pebble -config "$work/pebble.json" \
        -dnsserver "$(cat "$work/pebble-dns.addr")" >"$work/pebble.log" 2>&1 &
    pebble_pid=$!
    pids+=("$pebble_pid")
    echo "$pebble_pid" >"$work/pebble.pid"
    wait "$pacme" || log "the pebble ACME run failed: $(tail -3 "$work/pebble-acme.out")"
    cat "$work/pebble-acme.out" >&2
    kill "$pebble_pid" 2>/dev/null || true
    wait "$pebble_pid" 2>/dev/null || true
    keep_log pebble "$work/pebble.log"
fi

# ---- step-ca: /1.0/sign ----------------------------------------------------------------------
if [[ -n "$STEP_CA" && -z "${SKIP_SIGN:-}" && ! -x "$STEP_CA" ]]; then
    log "STEP_CA=$STEP_CA is not an executable (bench/build-step-ca.sh builds one): no step-ca comparison"
elif [[ -n "$STEP_CA" && -z "${SKIP_SIGN:-}" ]]; then
    # A `step ca init`-style directory without the step CLI: P-256 root and intermediate made with
    # openssl (keys unencrypted, so no password is needed to start), a JWK provisioner from the
    # driver, badger database as step ca init configures it.
    s="$work/step"
    mkdir -p "$s/certs" "$s/secrets" "$s/config" "$s/db"
    sport="$(free_port)"
    openssl ecparam -name prime256v1 -genkey -noout -out "$s/secrets/root_ca_key" 2>/dev/null
    openssl req -x509 -new -key "$s/secrets/root_ca_key" -sha256 -days 2 -subj "/O=Bench/CN=Bench step-ca Root CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:1" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$s/certs/root_ca.crt" 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out "$s/secrets/intermediate_ca_key" 2>/dev/null
    openssl req -new -key "$s/secrets/intermediate_ca_key" -subj "/O=Bench/CN=Bench step-ca Intermediate CA" \
        -out "$work/step-int.csr" 2>/dev/null
    printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' \
        >"$work/step-int.ext"
    openssl x509 -req -in "$work/step-int.csr" -CA "$s/certs/root_ca.crt" -CAkey "$s/secrets/root_ca_key" \
        -CAcreateserial -CAserial "$work/step.srl" -days 2 -sha256 -extfile "$work/step-int.ext" \
        -out "$s/certs/intermediate_ca.crt" 2>/dev/null
    driver jwk-provisioner --name bench@example.com --password-file "$work/password" >"$work/step-provisioner.json"
    python3 - "$s" "$sport" "$work/step-provisioner.json" <<'PY'
import json, sys
d, port, prov = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
json.dump({"root": d + "/certs/root_ca.crt", "crt": d + "/certs/intermediate_ca.crt",
           "key": d + "/secrets/intermediate_ca_key", "address": "127.0.0.1:" + port,
           "dnsNames": ["127.0.0.1", "localhost"], "logger": {"format": "text"},
           "db": {"type": "badgerv2", "dataSource": d + "/db"},
           "authority": {"provisioners": [prov]},
           "tls": {"cipherSuites": ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],
                   "minVersion": 1.2, "maxVersion": 1.3, "renegotiation": False}},
          open(d + "/config/ca.json", "w"), indent=2)
PY
    "$STEP_CA" "$s/config/ca.json" >"$work/step-ca.log" 2>&1 &
    step_pid=$!
    pids+=("$step_pid")
    echo "$step_pid" >"$work/step-ca.pid"
    driver sign --url "https://127.0.0.1:$sport" --ca-json "$s/config/ca.json" --password-file "$work/password" \
        --trust "$s/certs/root_ca.crt" --server-pid-file "$work/step-ca.pid" --label step-ca "${run_opts[@]}" >&2 \
        || log "the step-ca /sign run failed: $(tail -3 "$work/step-ca.log" | cut -c1-300)"
    kill "$step_pid" 2>/dev/null || true
    wait "$step_pid" 2>/dev/null || true
    keep_log step-ca "$work/step-ca.log"
fi

# ---- one table per operation -----------------------------------------------------------------
[[ -s "$rows" ]] || { echo "bench: no run produced a result; see $results" >&2; exit 1; }
python3 - "$rows" "$CLIENTS" "$WARMUP" "$DURATION" >"$out/table.md" <<'PY'
import sys
rows_file, clients, warmup, duration = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(rows_file) if line.strip()]
for op in dict.fromkeys(r[1] for r in rows):
    print(f"### {op} ({clients} clients, {warmup} s warm-up, {duration} s measured)\n")
    print("| server | rate (ops/s) | p50 ms | p99 ms | server CPU ms/op | peak RSS MiB (window / since start) | ok / failed |")
    print("|---|---|---|---|---|---|---|")
    for label, _, rate, p50, p99, cpu, rss, hwm, ok, failed in (r for r in rows if r[1] == op):
        print(f"| {label} | {rate} | {p50} | {p99} | {cpu} | {rss} / {hwm} | {ok} / {failed} |")
    print()
PY
log "results in $out"
[[ -z "${KEEP_WORK:-}" ]] || log "CA directories and full server logs kept in $work"
cat "$out/table.md"
