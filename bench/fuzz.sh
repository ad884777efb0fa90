#!/usr/bin/env bash
# Bounded fuzz run of every network-facing parser with Jazzer (docs/testing.md, "Fuzzing").
# SECONDS_PER_TARGET (default 150) per target, one after another. New interesting inputs go to
# bench/results/fuzz/<target>/ (not committed: copy the ones worth keeping into the module's
# src/test/resources/fuzz/<target>/), crashes to bench/results/fuzz/crashes/<target>/.
# Extra arguments: target names to run (default: all), e.g. bench/fuzz.sh JwkFuzzer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${SECONDS_PER_TARGET:-150}"
targets=(
    acme:dev.stile.acme.jws.JwsEnvelopeFuzzer
    acme:dev.stile.acme.jws.JwkFuzzer
    acme:dev.stile.acme.service.CsrFuzzer
    net:dev.stile.net.dns.DnsAnswerFuzzer
    ca-server:dev.stile.server.fuzz.StepTokenFuzzer
    ca-server:dev.stile.server.fuzz.StepCsrFuzzer
    ca-server:dev.stile.server.fuzz.LinkedcaProtoJsonFuzzer
)
cd "$root"
# Test classes plus each module's test classpath (Jazzer included) in <module>/target/fuzz-cp.txt.
./mvnw -B -q -o -pl ca-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz-cp.txt -Dmdep.includeScope=test
for entry in "${targets[@]}"; do
    module="${entry%%:*}"; class="${entry#*:}"; name="${class##*.}"
    if [[ $# -gt 0 && ! " $* " =~ " $name " ]]; then continue; fi
    work="$root/bench/results/fuzz/$name"; crashes="$root/bench/results/fuzz/crashes/$name"
    mkdir -p "$work" "$crashes"
    echo "== $name ($seconds s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
    java -Xmx512m -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-cp.txt")" \
        com.code_intelligence.jazzer.Jazzer --target_class="$class" \
        '--instrumentation_includes=dev.stile.**:org.jose4j.**:com.fasterxml.jackson.**:org.bouncycastle.**:org.xbill.**' \
        --keep_going=20 -max_total_time="$seconds" -artifact_prefix="$crashes/" \
        "$work" "$module/src/test/resources/fuzz/$name" 2>&1 | tee "$work.log" | grep -E '^Done|== Java Exception' || true
done
echo "crashes (none is good):"; find "$root/bench/results/fuzz/crashes" -type f
