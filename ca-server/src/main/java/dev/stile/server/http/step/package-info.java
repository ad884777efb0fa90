/**
 * step-ca's HTTP edge: Javalin routes (and the plain-HTTP CRL listener on Jetty) that read requests,
 * call the step use cases of {@code dev.stile.step} and send what {@code dev.stile.step.wire.StepWire}
 * renders; {@link dev.stile.server.http.step.StepFailures} is the one place a failure's kind becomes
 * a status. May import Javalin, Jetty, {@code dev.stile.step..}, {@code dev.stile.server.http} and
 * server config types; never JDBC or {@code dev.stile.db}.
 */
package dev.stile.server.http.step;
