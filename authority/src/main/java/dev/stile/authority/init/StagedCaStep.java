package dev.stile.authority.init;

import java.nio.file.Path;

/**
 * Work {@link CaInitializer} does on the staged CA after its files are written and before it is
 * moved into place, e.g. creating the first super-admin in its database. Running it there keeps
 * init's guarantee: when the step throws, init fails with its message and no CA directory appears.
 */
@FunctionalInterface
public interface StagedCaStep {

    /** No extra work. */
    StagedCaStep NONE = staged -> { };

    /**
     * @throws RuntimeException to abort init; an {@link InitException}'s message is shown as it is
     */
    void run(Staged staged);

    /**
     * The CA as it stands in the staging directory.
     *
     * @param stagedDir the staging directory, which becomes {@code finalDir} (or whose entries move into it)
     * @param finalDir  where the CA will live; ca.json's absolute paths point here
     * @param caConfig  the staged ca.json
     * @param options   what init was asked for
     */
    record Staged(Path stagedDir, Path finalDir, Path caConfig, InitOptions options) {

        /** The staged counterpart of a path under {@code finalDir}; other paths unchanged. */
        public Path staged(Path underFinal) {
            Path p = underFinal.toAbsolutePath().normalize();
            return p.startsWith(finalDir) ? stagedDir.resolve(finalDir.relativize(p)) : p;
        }
    }
}
