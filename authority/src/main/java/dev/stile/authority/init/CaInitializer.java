package dev.stile.authority.init;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyMaterialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Creates a new CA directory like {@code step ca init}: root and intermediate CA, encrypted keys
 * (mode 0600), a JWK provisioner (and optionally an ACME one), {@code ca.json},
 * {@code defaults.json} and an empty {@code db/}.
 *
 * <p>Everything is first written to a staging directory next to (or, if the directory already
 * exists, inside) the target and only then renamed into place, so a failure never leaves a
 * half-written CA behind and never touches an existing one.
 */
public final class CaInitializer {

    private final Clock clock;

    public CaInitializer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CaInitializer() {
        this(Clock.systemUTC());
    }

    /**
     * Creates the CA.
     *
     * @throws InitException with a one-line message naming the directory, file or flag at fault;
     *                       nothing was changed in that case
     */
    public InitResult initialize(InitOptions options) {
        return initialize(options, StagedCaStep.NONE);
    }

    /**
     * Creates the CA and runs {@code lastStep} on the staged copy before it is moved into place.
     *
     * @throws InitException with a one-line message naming the directory, file or flag at fault
     *                       (or the last step's reason); no CA directory was created in that case
     */
    public InitResult initialize(InitOptions options, StagedCaStep lastStep) {
        options.validate();
        Path target = options.dir().toAbsolutePath().normalize();
        boolean targetExists = Files.exists(target);
        if (targetExists) {
            requireNoCa(target);
        }
        Path staging = createStaging(target, targetExists);
        try {
            CaLayout finalLayout = new CaLayout(target);
            Written written = writeCa(options, new CaLayout(staging), finalLayout);
            runLastStep(lastStep, new StagedCaStep.Staged(staging, target, new CaLayout(staging).caConfig(), options));
            if (targetExists) {
                moveEntriesInto(staging, target);
            } else {
                moveDirectory(staging, target);
            }
            return new InitResult(target, finalLayout.caConfig(), finalLayout.defaults(),
                    finalLayout.rootCertificate(), finalLayout.intermediateCertificate(), finalLayout.rootKey(),
                    finalLayout.intermediateKey(), finalLayout.database(), written.rootFingerprint(),
                    written.provisionerKid());
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void runLastStep(StagedCaStep step, StagedCaStep.Staged staged) {
        try {
            step.run(staged);
        } catch (InitException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = message.indexOf('\n');
            throw new InitException((nl < 0 ? message : message.substring(0, nl)).trim()
                    + "; no CA was written to " + staged.finalDir(), e);
        }
    }

    private record Written(String rootFingerprint, String provisionerKid) {
    }

    private Written writeCa(InitOptions options, CaLayout staged, CaLayout finalLayout) {
        try {
            for (String entry : CaLayout.TOP_LEVEL) {
                Files.createDirectory(staged.base().resolve(entry));
            }
            if (Files.getFileStore(staged.base()).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(staged.secrets(), PosixFilePermissions.fromString("rwx------"));
                // The database holds every issued certificate and EAB key: nobody else lists or opens it.
                Files.setPosixFilePermissions(staged.base().resolve("db"), PosixFilePermissions.fromString("rwx------"));
            }
            PkiGenerator.Pki pki = new PkiGenerator(clock).generate(options.name().trim(), options.keyType());
            KeyMaterial.writeCertificates(staged.rootCertificate(), List.of(pki.root()));
            KeyMaterial.writeCertificates(staged.intermediateCertificate(), List.of(pki.intermediate()));
            KeyMaterial.writeEncryptedPrivateKey(staged.rootKey(), pki.rootKey(), options.password());
            KeyMaterial.writeEncryptedPrivateKey(staged.intermediateKey(), pki.intermediateKey(), options.password());

            ProvisionerKey provisionerKey = ProvisionerKey.generate(options.provisionerPassword());
            String fingerprint = CertificateExtensions.sha256Fingerprint(pki.root());
            // 0600 from the start: ca.json holds the encrypted provisioner key and may hold a database
            // password, and it is moved into a directory whose mode Stile does not choose.
            KeyMaterial.writeSecret(staged.caConfig(), InitialConfig.caJson(options, finalLayout, provisionerKey));
            Files.writeString(staged.defaults(), InitialConfig.defaultsJson(options, finalLayout, fingerprint),
                    StandardCharsets.UTF_8);
            return new Written(fingerprint, provisionerKey.kid());
        } catch (IOException e) {
            throw new InitException("cannot write the new CA in " + staged.base() + ": " + describe(e), e);
        } catch (KeyMaterialException e) {
            throw new InitException(e.getMessage(), e);
        }
    }

    private static void requireNoCa(Path target) {
        if (!Files.isDirectory(target)) {
            throw new InitException(target + " exists and is not a directory");
        }
        for (String entry : CaLayout.TOP_LEVEL) {
            Path existing = target.resolve(entry);
            if (Files.exists(existing)) {
                throw new InitException(target + " already holds a CA (" + existing
                        + " exists); refusing to overwrite it");
            }
        }
    }

    private static Path createStaging(Path target, boolean targetExists) {
        Path parent = targetExists ? target : target.getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new InitException("cannot create " + target + ": " + parent + " is not a directory");
        }
        try {
            if (!targetExists) {
                Files.createDirectories(parent);
            }
            // Created with mode 0700, so nothing inside is visible to others while it is built.
            return Files.createTempDirectory(parent, ".stile-init-");
        } catch (IOException e) {
            throw new InitException("cannot create " + target + ": " + describe(e), e);
        }
    }

    /** The whole CA appears at once: one rename of the staging directory. */
    private static void moveDirectory(Path staging, Path target) {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new InitException(target + " was created by someone else meanwhile; nothing was written", e);
        } catch (IOException e) {
            throw new InitException("cannot create " + target + ": " + describe(e), e);
        }
    }

    /** Moves config, certs, secrets, db into an existing directory; undoes the moves on failure. */
    private static void moveEntriesInto(Path staging, Path target) {
        List<Path> moved = new ArrayList<>();
        try {
            for (String entry : CaLayout.TOP_LEVEL) {
                Path destination = target.resolve(entry);
                Files.move(staging.resolve(entry), destination, StandardCopyOption.ATOMIC_MOVE);
                moved.add(destination);
            }
        } catch (IOException e) {
            moved.forEach(CaInitializer::deleteRecursively);
            throw new InitException("cannot write the CA into " + target + ": " + describe(e)
                    + "; nothing was left behind", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " already exists";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: the staging directory is hidden and named .stile-init-*.
                }
            });
        } catch (IOException ignored) {
            // Same as above.
        }
    }
}
