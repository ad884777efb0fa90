#!/usr/bin/env bash
# Runs the JMH micro-benchmarks, short form (1 fork, 2 warm-up and 3 measured iterations), twice:
# with the JVM's default tiered JIT (C1+C2) and C1-only as the ./stile launcher may set it.
# Results: bench/results/jmh-c2.txt/json, jmh-c1.txt/json. Extra arguments go to JMH (e.g. a regex).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
out="$root/bench/results"
mkdir -p "$out"
if [[ ! -f "$jar" || -n "${BUILD:-}" ]]; then
    (cd "$root" && ./mvnw -q -o -Pbench -pl bench -am package -DskipTests)
fi
common=(-f 1 -wi 2 -i 3 -w 2s -r 3s -tu s -prof dev.stile.bench.jmh.CpuTimeProfiler)
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)" | tee "$out/jmh-c2.txt"
java -jar "$jar" "${common[@]}" -jvmArgs "-Xmx256m" -rf json -rff "$out/jmh-c2.json" "$@" | tee -a "$out/jmh-c2.txt"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)" | tee "$out/jmh-c1.txt"
java -jar "$jar" "${common[@]}" -jvmArgs "-Xmx256m -XX:TieredStopAtLevel=1" -rf json -rff "$out/jmh-c1.json" "$@" \
    | tee -a "$out/jmh-c1.txt"
