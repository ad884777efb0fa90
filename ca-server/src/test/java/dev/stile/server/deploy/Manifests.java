package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stile.testsupport.Requirements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The files under deploy/, read as the tests need them: overlays rendered by kubectl kustomize. */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    /** The repository root: the directory above the module that holds deploy/Containerfile. */
    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/Containerfile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/Containerfile above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path deploy(String relative) {
        return repository().resolve("deploy").resolve(relative);
    }

    /** {@code kubectl kustomize deploy/kubernetes/overlays/NAME}, every object it prints. */
    static List<JsonNode> render(String overlay) throws Exception {
        String kubectl = Requirements.program("kubectl", "kubectl");
        String yaml = run(List.of(kubectl, "kustomize", deploy("kubernetes/overlays/" + overlay).toString()));
        return readAll(yaml);
    }

    static List<JsonNode> read(Path file) throws IOException {
        return readAll(Files.readString(file));
    }

    private static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    out.add(node);
                }
            }
        }
        return out;
    }

    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name
                + " among " + objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata")
                .path("name").asText()).toList()));
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    static List<JsonNode> all(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** The StatefulSet's one container. */
    static JsonNode container(List<JsonNode> objects) {
        JsonNode containers = one(objects, "StatefulSet", "stile").path("spec").path("template").path("spec")
                .path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The value of {@code --flag=value} or {@code --flag value} in a container's args, if given. */
    static Optional<String> flag(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith(flag + "=")) {
                return Optional.of(args.get(i).substring(flag.length() + 1));
            }
            if (args.get(i).equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** The port of {@code host:port} / {@code :port}. */
    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Runs a short program to completion; its output, or an assertion error quoting it. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
