package dev.stile.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Set;

/**
 * An H2 file database's protection at rest: the file mode 0600 (a directory Stile creates for it
 * 0700), and a password, kept in {@code <name>.credential} (mode 0600) next to the database file.
 *
 * <p>New databases are created with the password. Databases created by earlier versions have an
 * empty password; they keep opening: the first start with this version generates the credential
 * file and then sets the password ({@code SET PASSWORD}). If the process dies between the two
 * steps, the next start finds a credential the database does not know yet, opens with the empty
 * password once more and sets it then — so no order of crashes locks the CA out.
 *
 * <p>What it protects against, honestly: another local user or process connecting to the file
 * (H2's own tools, a copied backup opened with defaults). It is not encryption: anyone who can read
 * the file can read its pages, which is why the mode is what matters most.
 */
final class H2FileProtection {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileProtection.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String FILE_PREFIX = "jdbc:h2:file:";
    /** H2's error code for a wrong user name or password. */
    private static final int WRONG_PASSWORD = 28000;

    private H2FileProtection() {
    }

    /**
     * Prepares the file database of {@code jdbcUrl} and returns the password to open it with, or
     * {@code null} for URLs that are not H2 files (in-memory, server mode).
     *
     * @param connectUrl the URL with Stile's H2 options, used for the upgrade connection
     */
    static Prepared prepare(String jdbcUrl, String connectUrl) {
        if (!jdbcUrl.startsWith(FILE_PREFIX)) {
            return null;
        }
        String rest = jdbcUrl.substring(FILE_PREFIX.length());
        Path base = Path.of(rest.contains(";") ? rest.substring(0, rest.indexOf(';')) : rest).toAbsolutePath();
        Path dbFile = base.resolveSibling(base.getFileName() + ".mv.db");
        Path credentialFile = base.resolveSibling(base.getFileName() + ".credential");
        createPrivateDirectory(base.getParent());
        boolean existed = Files.exists(dbFile);
        String password = Files.exists(credentialFile) ? read(credentialFile) : create(credentialFile);
        Connection held;
        if (existed) {
            held = upgradeIfNeeded(connectUrl, password, dbFile);
        } else {
            // H2 creates the file with this password on the first connection; make it now, so the
            // file exists to be restricted before the pool opens.
            try {
                held = DriverManager.getConnection(connectUrl, "", password);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the H2 database " + dbFile + ": " + e.getMessage(), e);
            }
        }
        try {
            restrict(dbFile);
            restrict(base.resolveSibling(base.getFileName() + ".trace.db"));
        } catch (RuntimeException e) {
            new Prepared(password, held).close();
            throw e;
        }
        return new Prepared(password, held);
    }

    /**
     * The password to open the file with, and the connection that checked it, kept open until the
     * pool has a connection of its own: closing H2's last connection closes the database, which
     * for a big file costs a second or more (compacting on close, then reading it again on open;
     * 1.5 s of start-up with 100k certificates), for the pool to open it again at once.
     */
    record Prepared(String password, Connection held) implements AutoCloseable {
        @Override
        public void close() {
            try {
                held.close();
            } catch (SQLException ignored) {
                // only held to keep the database open
            }
        }
    }

    private static Connection upgradeIfNeeded(String url, String password, Path dbFile) {
        try {
            return DriverManager.getConnection(url, "", password); // already protected
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_PASSWORD) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        try (Connection c = DriverManager.getConnection(url, "", "");
             PreparedStatement ps = c.prepareStatement("SET PASSWORD ?")) {
            ps.setString(1, password);
            ps.execute();
            LOG.info("the H2 database {} had an empty password; it now has the one in {}", dbFile,
                    dbFile.resolveSibling(dbFile.getFileName().toString().replace(".mv.db", ".credential")));
            return DriverManager.getConnection(url, "", password);
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_PASSWORD) {
                throw new IllegalStateException("the H2 database " + dbFile + " does not accept the password in its "
                        + ".credential file (was the file replaced?)", e);
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void createPrivateDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            if (posix(dir.getParent())) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String create(Path credentialFile) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            if (posix(credentialFile.getParent())) {
                Files.createFile(credentialFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(credentialFile);
            }
            Files.writeString(credentialFile, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + credentialFile + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path credentialFile) {
        try {
            String p = Files.readString(credentialFile, StandardCharsets.US_ASCII).trim();
            if (p.isEmpty()) {
                throw new IllegalStateException(credentialFile + " is empty; restore it from a backup");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + credentialFile + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) {
        try {
            if (Files.exists(file) && posix(file.getParent())) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException e) {
            LOG.warn("cannot restrict {} to mode 0600: {}", file, e.getMessage());
        }
    }

    private static boolean posix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView("posix");
    }
}
