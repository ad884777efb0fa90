/**
 * Ports of the step-ca role: what its use cases need from storage (the one-time-token store),
 * implemented by {@code db}. May import {@code dev.stile.provisioners}, {@code dev.stile.authority}
 * and {@code dev.stile.core}; never JDBC, HTTP or a server class.
 */
package dev.stile.step.port;
