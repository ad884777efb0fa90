package dev.stile.net.fuzz;

import dev.stile.net.dns.DnsAnswerFuzzer;
import dev.stile.testsupport.FuzzCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The committed fuzz corpus of the DNS reply parser, replayed (docs/testing.md, "Fuzzing"). */
class NetFuzzCorpusTest {

    @TestFactory
    Stream<DynamicTest> dnsAnswer() {
        return FuzzCorpus.replay("DnsAnswerFuzzer", DnsAnswerFuzzer::fuzzerTestOneInput);
    }
}
