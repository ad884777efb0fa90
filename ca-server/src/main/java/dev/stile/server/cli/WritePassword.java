package dev.stile.server.cli;

import dev.stile.authority.init.InitException;
import dev.stile.authority.init.StagedCaStep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Writes the CA password to {@code secrets/password} (mode 0600, UTF-8, one line) inside the staged
 * CA, so the file appears together with the keys it unlocks or not at all.
 */
final class WritePassword implements StagedCaStep {

    static final String RELATIVE_PATH = "secrets/password";

    private final char[] password;

    WritePassword(char[] password) {
        this.password = password.clone();
    }

    @Override
    public void run(Staged staged) {
        Path file = staged.stagedDir().resolve(RELATIVE_PATH);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, bytes.length - 1);
        bytes[bytes.length - 1] = '\n';
        try {
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new InitException("cannot write " + staged.finalDir().resolve(RELATIVE_PATH) + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** This step, then {@code next}. */
    StagedCaStep then(StagedCaStep next) {
        return staged -> {
            run(staged);
            next.run(staged);
        };
    }
}
