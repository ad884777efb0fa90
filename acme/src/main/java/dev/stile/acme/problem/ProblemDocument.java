package dev.stile.acme.problem;

import dev.stile.acme.model.Identifier;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 7807 problem document as ACME uses it (RFC 8555 §6.7), including subproblems that name
 * the identifier they concern (§6.7.1).
 *
 * @param type        the full type URN
 * @param detail      one sentence an operator understands: what failed, where, and why
 * @param status      the HTTP status
 * @param identifier  the identifier this problem is about, or {@code null}
 * @param subproblems per-identifier problems, possibly empty
 */
public record ProblemDocument(
        String type, String detail, int status, Identifier identifier, List<ProblemDocument> subproblems) {

    public ProblemDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        subproblems = subproblems == null ? List.of() : List.copyOf(subproblems);
    }

    /** The same problem, about the given identifier. */
    public ProblemDocument about(Identifier id) {
        return new ProblemDocument(type, detail, status, id, subproblems);
    }

    /** The same problem, with these subproblems. */
    public ProblemDocument withSubproblems(List<ProblemDocument> subs) {
        return new ProblemDocument(type, detail, status, identifier, subs);
    }
}
