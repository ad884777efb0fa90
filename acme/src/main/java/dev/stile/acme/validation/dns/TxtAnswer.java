package dev.stile.acme.validation.dns;

import java.util.List;

/**
 * What a TXT lookup found, in the words the DNS validators' messages need.
 *
 * @param values           each TXT record's strings joined, in answer order (possibly empty)
 * @param resolver         the server that gave the final answer, or the last one tried
 * @param summary          a few words on the result, for validation records
 * @param transientFailure whether asking again later may give another result (timeout, SERVFAIL, network error)
 * @param failureReason    the failure as the end of a sentence, e.g. {@code answered NXDOMAIN (the name does not exist)}
 * @param cnames           the CNAME chain followed, in order
 */
public record TxtAnswer(List<String> values, String resolver, String summary, boolean transientFailure,
        String failureReason, List<String> cnames) {

    public TxtAnswer {
        values = List.copyOf(values);
        cnames = List.copyOf(cnames);
    }
}
