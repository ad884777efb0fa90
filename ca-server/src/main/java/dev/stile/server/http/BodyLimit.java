package dev.stile.server.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;

/**
 * Refuses a declared body larger than the step API ever needs before anything reads it, with 413
 * in step's JSON shape (the ACME routes check their own, smaller limit and answer a problem
 * document). A chunked body without a length is cut off by Javalin's {@code maxRequestSize} when
 * read, which the exception mapper answers the same way.
 */
final class BodyLimit {

    /** The step API's largest request (a CSR plus a token) is a few KiB; this leaves room. */
    static final long MAX_BODY = 128 * 1024;

    private BodyLimit() {
    }

    static void check(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/acme/") || path.startsWith("/2.0/acme/")) {
            return;
        }
        if (ctx.contentLength() > MAX_BODY) {
            throw new ContentTooLargeResponse("The request body is larger than " + MAX_BODY + " bytes.");
        }
    }
}
