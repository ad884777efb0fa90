package dev.stile.cli.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader (a web server reloading its certificate, a crash in the middle)
 * sees either the old or the new content, never half of it: write a temporary file next to the
 * target, then rename it over the target.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /**
     * @param secret true for private keys: the file is created with mode 0600 from the start
     * @throws CliException naming the file when it cannot be written
     */
    public static void write(Path target, String content, boolean secret) {
        Path file = target.toAbsolutePath();
        Path parent = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
            temp = secret && posix
                    ? Files.createTempFile(parent, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            if (!secret && posix) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw CliException.usage("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; that is the error worth reporting.
                }
            }
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        if (kind.equals("NoSuchFileException")) {
            return "the directory does not exist";
        }
        return e.getMessage() == null ? kind : e.getMessage();
    }
}
