package dev.stile.acme.service;

import java.time.Duration;
import java.time.Instant;

/**
 * An ARI answer (RFC 9773 §4.2): {@code {"suggestedWindow":{"start","end"}}} plus the
 * {@code Retry-After} header.
 */
public record RenewalInfo(Instant start, Instant end, Duration retryAfter) {
}
