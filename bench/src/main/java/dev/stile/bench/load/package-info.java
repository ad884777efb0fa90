/**
 * The load driver bench/run.sh starts: concurrent ACME dns-01 orders and step /1.0/sign calls
 * against a running server, latencies and rates. May import anything; never shipped.
 */
package dev.stile.bench.load;
