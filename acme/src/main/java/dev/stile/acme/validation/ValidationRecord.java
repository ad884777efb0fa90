package dev.stile.acme.validation;

import java.time.Instant;
import java.util.List;

/**
 * One step of a validation attempt, as shown to the client in the challenge's
 * {@code validationRecord} and to the operator by {@code stile doctor}. Fields that do not apply
 * to a step are {@code null} (or empty lists).
 *
 * @param time              when the step happened
 * @param hostname          the name looked up or connected to
 * @param port              the port dialled
 * @param url               the URL fetched (HTTP-01), one record per hop of a redirect chain
 * @param addressesResolved the addresses the name resolved to
 * @param addressUsed       the address actually dialled
 * @param resolver          the DNS server that answered (or failed), as {@code host:port}
 * @param query             the DNS query, e.g. {@code TXT _acme-challenge.example.com}
 * @param outcome           what happened in a few words, e.g. {@code HTTP 200}, {@code NOERROR 2 TXT},
 *                          {@code timeout after 3 tries (UDP and TCP)}
 */
public record ValidationRecord(
        Instant time,
        String hostname,
        Integer port,
        String url,
        List<String> addressesResolved,
        String addressUsed,
        String resolver,
        String query,
        String outcome) {

    public ValidationRecord {
        addressesResolved = addressesResolved == null ? List.of() : List.copyOf(addressesResolved);
    }
}
