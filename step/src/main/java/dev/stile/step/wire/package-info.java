/**
 * step-ca's JSON wire format (responses and the {@code {"status","message"}} error body, and the
 * mapping of an error kind to its HTTP status), used by the HTTP edge and checked against golden
 * fixtures. May import Jackson's tree model, {@code dev.stile.step}, {@code dev.stile.provisioners},
 * {@code dev.stile.authority} and {@code dev.stile.core}; never Javalin, Jetty or JDBC.
 */
package dev.stile.step.wire;
