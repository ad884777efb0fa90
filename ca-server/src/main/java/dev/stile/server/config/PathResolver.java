package dev.stile.server.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves ca.json paths the way step-ca does: relative ones against the CA directory. */
final class PathResolver {

    private final Path file;
    private final Path caDir;

    PathResolver(Path file, Path caDir) {
        this.file = file;
        this.caDir = caDir;
    }

    Path caDir() {
        return caDir;
    }

    Path resolve(ConfigNode n, String key, String text) {
        try {
            Path p = Path.of(text);
            return (p.isAbsolute() ? p : caDir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            throw n.error(key, "\"" + text + "\" is not a file path");
        }
    }

    /** A path that must name a readable regular file. */
    Path existingFile(ConfigNode n, String key, String text) {
        Path p = resolve(n, key, text);
        if (!Files.exists(p)) {
            throw n.error(key, "file " + p + " does not exist" + (p.toString().equals(text) ? ""
                    : " (relative paths are resolved against " + caDir + ")"));
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw n.error(key, p + " is not a readable file");
        }
        return p;
    }

    @Override
    public String toString() {
        return "PathResolver[" + file + " -> " + caDir + "]";
    }
}
