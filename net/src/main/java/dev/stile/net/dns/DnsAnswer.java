package dev.stile.net.dns;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

import java.time.Duration;
import java.util.List;

/**
 * What one DNS lookup produced, with enough detail to name the cause of a failure.
 *
 * @param name      the name asked for (no trailing dot)
 * @param type      the record type asked for, e.g. {@code A}
 * @param status    how the lookup ended
 * @param rcode     the DNS response code of the last answer, or -1 when no answer came
 * @param records   the records of the asked type found at the end of any CNAME chain
 * @param cnames    the CNAME chain followed, in order (targets, no trailing dots)
 * @param resolver  the server that gave the final answer, or the last one tried
 * @param udpTries  queries sent over UDP (all servers)
 * @param tcpTries  queries sent over TCP (all servers)
 * @param elapsed   wall time of the whole lookup
 * @param errorText for NETWORK_ERROR, what the network said (e.g. "connection refused"), else null
 */
public record DnsAnswer(
        String name,
        String type,
        Status status,
        int rcode,
        List<Record> records,
        List<String> cnames,
        String resolver,
        int udpTries,
        int tcpTries,
        Duration elapsed,
        String errorText) {

    /** How a lookup ended. */
    public enum Status {
        /** NOERROR with records of the asked type. */
        ANSWER,
        /** NOERROR, but no record of that type. */
        NODATA,
        /** The name does not exist. */
        NXDOMAIN,
        /** SERVFAIL, REFUSED or another error rcode from every server. */
        SERVER_FAILURE,
        /** No answer within the timeout from any server. */
        TIMEOUT,
        /** A network error such as a refused TCP connection or unreachable port. */
        NETWORK_ERROR
    }

    public DnsAnswer {
        records = List.copyOf(records);
        cnames = List.copyOf(cnames);
    }

    /** True when asking again later may give another result (timeouts, SERVFAIL, network errors). */
    public boolean isTransientFailure() {
        return status == Status.SERVER_FAILURE || status == Status.TIMEOUT || status == Status.NETWORK_ERROR;
    }

    /** The rcode's name, e.g. {@code NOERROR}, {@code SERVFAIL}, or {@code no answer}. */
    public String rcodeName() {
        return rcode < 0 ? "no answer" : Rcode.string(rcode);
    }

    /** "UDP", "TCP" or "UDP and TCP": the transports used, for failure sentences. */
    public String transports() {
        if (udpTries > 0 && tcpTries > 0) {
            return "UDP and TCP";
        }
        return tcpTries > 0 ? "TCP" : "UDP";
    }

    /** A few words on the result, for validation records and {@code stile doctor}. */
    public String summary() {
        String base;
        switch (status) {
            case ANSWER:
                base = rcodeName() + ", " + records.size() + " " + type;
                break;
            case NODATA:
                base = rcodeName() + ", no " + type + " record";
                break;
            case NXDOMAIN:
                base = "NXDOMAIN";
                break;
            case SERVER_FAILURE:
                base = rcodeName();
                break;
            case TIMEOUT:
                base = "timed out";
                break;
            default:
                base = "network error: " + errorText;
                break;
        }
        String via = cnames.isEmpty() ? "" : " via CNAME " + String.join(" -> ", cnames);
        return base + via + " (" + tries() + " over " + transports() + ", " + elapsed.toMillis() + " ms)";
    }

    /** Total queries sent. */
    public int tries() {
        return udpTries + tcpTries;
    }

    /**
     * The failure as the end of a sentence, e.g. {@code timed out 3 times (UDP and TCP)} or
     * {@code answered SERVFAIL}. Only meaningful when the lookup did not produce records.
     */
    public String failureReason() {
        switch (status) {
            case TIMEOUT:
                return "timed out " + tries() + (tries() == 1 ? " time" : " times") + " (" + transports() + ")";
            case SERVER_FAILURE:
                return "answered " + rcodeName() + " " + tries() + (tries() == 1 ? " time" : " times")
                        + " (" + transports() + ")";
            case NETWORK_ERROR:
                return "failed: " + errorText;
            case NXDOMAIN:
                return "answered NXDOMAIN (the name does not exist)";
            case NODATA:
                return "answered " + rcodeName() + " without any " + type + " record";
            default:
                return "answered " + rcodeName();
        }
    }
}
