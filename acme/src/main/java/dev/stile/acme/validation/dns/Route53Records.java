package dev.stile.acme.validation.dns;

import java.util.List;

/**
 * Port: reads DNS-01 TXT records straight from the Route53 API for names in the configured hosted
 * zones (implemented in the net module with the AWS SDK).
 */
public interface Route53Records {

    /** A hosted zone: its id ({@code Z...}) and its name (lower case, no trailing dot). */
    record HostedZoneRef(String id, String name) {
    }

    /**
     * What Route53 holds at a name.
     *
     * @param zone        the hosted zone asked
     * @param values      the TXT values (each record's strings joined), possibly empty
     * @param cnameTarget the CNAME target when the name is a CNAME (delegated challenge), else null
     */
    record Result(HostedZoneRef zone, List<String> values, String cnameTarget) {
    }

    /** A Route53 API call that failed, with a sentence naming the call and the cause. */
    final class Route53Exception extends RuntimeException {
        public Route53Exception(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The configured hosted zone that contains {@code fqdn} (longest zone name wins), or null when
     * the name is not in any of them and must be checked through DNS.
     *
     * @throws Route53Exception when a configured zone cannot be found or named
     */
    HostedZoneRef zoneFor(String fqdn);

    /**
     * Reads the record set at {@code fqdn} in {@code zone}.
     *
     * @throws Route53Exception when the API call fails
     */
    Result read(HostedZoneRef zone, String fqdn);
}
