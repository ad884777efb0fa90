package dev.stile.server.deploy;

import dev.stile.testsupport.Requirements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * podman as the tests run it on this kind of host. The global flags are this machine's facts (a
 * cgroup v1 hybrid host where crun and podman's default rlimits are refused), so they live here in
 * the test and never in what users run.
 */
final class Podman {

    /** How the test's JRE base is made: Debian's JRE on a minimal Debian, like the default Temurin base. */
    static final List<String> BASE_ROOTFS = List.of("--variant=minbase",
            "--include=openjdk-17-jre-headless,ca-certificates", "bookworm");
    /** Limits the runtime accepts here; a run without them fails with "setrlimit ... operation not permitted". */
    static final List<String> RUN_LIMITS = List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096");

    private final String podman;

    private Podman(String podman) {
        this.podman = podman;
    }

    /** podman, runc and mmdebstrap, and root (rootful podman, chown of volumes), or skip (fail under CI=true). */
    static Podman require() {
        String podman = Requirements.program("podman", "podman");
        if (!isRoot()) {
            String message = "the container tests run podman as root (they chown volumes to the image's uid 10001)";
            if (Requirements.isCi()) {
                throw new AssertionError("CI=true but " + message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        Requirements.program("runc", "runc");
        Requirements.program("mmdebstrap", "mmdebstrap");
        return new Podman(podman);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * A podman for scripts (deploy/build-image.sh --tool): this host's global flags, and its run
     * limits on {@code run}, so the script's training run of the image works here as the tests' runs do.
     */
    Path scriptTool(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tool = dir.resolve("podman-for-scripts");
        String global = String.join(" ", command().subList(1, command().size()));
        Files.writeString(tool, "#!/bin/sh\n"
                + "if [ \"$1\" = run ]; then shift; exec " + podman + " " + global + " run " + String.join(" ", RUN_LIMITS)
                + " \"$@\"; fi\n"
                + "exec " + podman + " " + global + " \"$@\"\n");
        tool.toFile().setExecutable(true);
        return tool;
    }

    List<String> command(String... args) {
        List<String> all = new ArrayList<>(List.of(podman, "--cgroup-manager=cgroupfs", "--runtime", "runc"));
        all.addAll(List.of(args));
        return all;
    }

    /** Runs podman to completion and returns its standard output; an assertion error quoting both streams otherwise. */
    String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = command(args.toArray(new String[0]));
        return exec(command, 300);
    }

    String run(String... args) throws IOException, InterruptedException {
        return run(List.of(args));
    }

    /** A container's log: its standard output and standard error, interleaved as podman stored them. */
    String logs(String container, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("logs"));
        args.addAll(List.of(options));
        args.add(container);
        Process p = new ProcessBuilder(command(args.toArray(new String[0]))).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    /**
     * Runs podman with standard input from {@code in} and standard output to {@code out} (either may
     * be null), for binary streams such as a tar of a volume.
     */
    void pipe(Path in, Path out, List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args.toArray(new String[0])));
        Path err = Files.createTempFile("podman", ".err");
        pb.redirectError(err.toFile());
        if (in != null) {
            pb.redirectInput(in.toFile());
        }
        if (out != null) {
            pb.redirectOutput(out.toFile());
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("podman " + args + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("podman " + args + " exited with " + p.exitValue() + ": " + Files.readString(err));
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Exit code only (e.g. {@code image exists}). */
    int status(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * The JRE base image, built once with mmdebstrap and kept in podman's image store under a tag
     * derived from the mmdebstrap arguments, so later runs (and later test classes) reuse it.
     */
    String jreBase(Path work) throws Exception {
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(String.join(" ", BASE_ROOTFS).getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        String name = "localhost/stile-test-jre:" + key;
        if (status("image", "exists", name) == 0) {
            return name;
        }
        Files.createDirectories(work);
        Path tar = work.resolve("jre-base.tar");
        Files.deleteIfExists(tar);
        List<String> mm = new ArrayList<>(List.of(Requirements.program("mmdebstrap", "mmdebstrap"), "--quiet"));
        mm.addAll(BASE_ROOTFS);
        mm.add(tar.toString());
        exec(mm, 600);
        run("import", "--quiet", tar.toString(), name);
        Files.deleteIfExists(tar);
        return name;
    }

    static String exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("podman", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text
                        + Files.readString(err));
            }
            return text;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
