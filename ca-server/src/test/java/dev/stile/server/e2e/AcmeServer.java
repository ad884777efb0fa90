package dev.stile.server.e2e;

import java.net.URI;
import java.nio.file.Path;

/** The ACME server the clients are run against, as the clients and the checks see it. */
interface AcmeServer extends AutoCloseable {

    /** The ACME directory URL the clients are given ({@code --server}). */
    URI directory();

    /** PEM file the clients trust for the server's HTTPS ({@code REQUESTS_CA_BUNDLE}, {@code LEGO_CA_CERTIFICATES}). */
    Path tlsTrust();

    /** PEM root the issued chains must verify against. */
    Path issuingRoot();

    @Override
    void close();
}
