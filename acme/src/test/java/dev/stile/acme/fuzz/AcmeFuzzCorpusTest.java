package dev.stile.acme.fuzz;

import dev.stile.acme.jws.JwkFuzzer;
import dev.stile.acme.jws.JwsEnvelopeFuzzer;
import dev.stile.acme.service.CsrFuzzer;
import dev.stile.testsupport.FuzzCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The committed fuzz corpora of the ACME parsers, replayed (docs/testing.md, "Fuzzing"). */
class AcmeFuzzCorpusTest {

    @TestFactory
    Stream<DynamicTest> jwsEnvelope() {
        return FuzzCorpus.replay("JwsEnvelopeFuzzer", JwsEnvelopeFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> jwk() {
        return FuzzCorpus.replay("JwkFuzzer", JwkFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> csr() {
        return FuzzCorpus.replay("CsrFuzzer", CsrFuzzer::fuzzerTestOneInput);
    }
}
