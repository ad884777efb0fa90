package dev.stile.testsupport;

import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays a committed fuzz corpus: every file under {@code src/test/resources/fuzz/<target>/} of
 * the module is passed to the target, as Jazzer would ({@code fuzzerTestOneInput(byte[])}). A
 * target throws only for a crash (an exception that is not the parser's documented error type),
 * so a replay that passes proves every input ever found interesting is still handled.
 * docs/testing.md, "Fuzzing", says how to run the long fuzz and grow the corpus.
 */
public final class FuzzCorpus {

    /** One fuzz target: Jazzer's entry point. */
    @FunctionalInterface
    public interface Target {
        void fuzzerTestOneInput(byte[] data) throws Exception;
    }

    private FuzzCorpus() {
    }

    /** One dynamic test per corpus file of {@code target}; fails when the corpus is empty. */
    public static Stream<DynamicTest> replay(String target, Target entry) {
        Path dir = Path.of("src/test/resources/fuzz", target);
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the fuzz corpus " + dir.toAbsolutePath() + " cannot be listed", e);
        }
        if (inputs.isEmpty()) {
            throw new IllegalStateException("the fuzz corpus " + dir.toAbsolutePath() + " is empty");
        }
        return inputs.stream().map(p -> DynamicTest.dynamicTest(target + "/" + p.getFileName(),
                () -> entry.fuzzerTestOneInput(Files.readAllBytes(p))));
    }
}
