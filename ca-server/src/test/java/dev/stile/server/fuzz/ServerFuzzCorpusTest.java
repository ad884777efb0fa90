package dev.stile.server.fuzz;

import dev.stile.testsupport.FuzzCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The committed fuzz corpora of step's and the admin API's parsers, replayed (docs/testing.md, "Fuzzing"). */
class ServerFuzzCorpusTest {

    @TestFactory
    Stream<DynamicTest> stepToken() {
        return FuzzCorpus.replay("StepTokenFuzzer", StepTokenFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> stepCsr() {
        return FuzzCorpus.replay("StepCsrFuzzer", StepCsrFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> linkedcaProtoJson() {
        return FuzzCorpus.replay("LinkedcaProtoJsonFuzzer", LinkedcaProtoJsonFuzzer::fuzzerTestOneInput);
    }
}
