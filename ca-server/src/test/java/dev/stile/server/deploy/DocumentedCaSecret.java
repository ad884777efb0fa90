package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import dev.stile.server.cli.StileCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA Secret of an overlay whose StatefulSet serves a CA made outside the cluster (postgres), made
 * as the overlay's kustomization.yaml documents it: its {@code stile init} command is run (into a
 * temporary directory), and the files its {@code kubectl create secret ... --from-file=KEY=FILE}
 * names are laid out as the rendered Secret volume's items place them under the mount path.
 */
final class DocumentedCaSecret {

    private DocumentedCaSecret() {
    }

    /**
     * @param overlay   the overlay directory name
     * @param objects   its rendered objects
     * @param work      an empty directory to work in
     * @param editArgs  changes to the documented init arguments (e.g. the database URL), applied to each
     * @return the directory holding the Secret's files as mounted: {@code root + mountPath} is the mount
     */
    static Path create(String overlay, List<JsonNode> objects, Path work, UnaryOperator<String> editArgs)
            throws Exception {
        String doc = Files.readString(Manifests.deploy("kubernetes/overlays/" + overlay + "/kustomization.yaml"));
        Matcher m = Pattern.compile("#\\s+stile init (.*?[^\\\\])\\n", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a stile init command in the comments").isTrue();
        String command = m.group(1).replaceAll("\\\\\\n#\\s*", " ");
        List<String> args = new ArrayList<>(List.of("init"));
        Matcher token = Pattern.compile("'([^']*)'|(\\S+)").matcher(command);
        while (token.find()) {
            String t = token.group(1) != null ? token.group(1) : token.group(2);
            args.add(editArgs.apply(t.replace("./stile-ca", work.resolve("stile-ca").toString())
                    .replace("./password", work.resolve("password").toString())));
        }
        Files.writeString(work.resolve("password"), "documented-password\n");
        args.remove("--remote-management"); // it would connect to the database from here, at init time
        StringWriter out = new StringWriter();
        CommandLine cl = StileCommand.commandLine(new Environment(work.resolve("home")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        assertThat(cl.execute(args.toArray(new String[0]))).as(out.toString()).isZero();

        JsonNode container = Manifests.container(objects);
        JsonNode volumes = Manifests.one(objects, "StatefulSet", "stile").path("spec").path("template").path("spec")
                .path("volumes");
        Path root = work.resolve("mounted");
        Map<String, String> secretKeys = documentedSecretKeys(doc, work);
        boolean found = false;
        for (JsonNode volume : volumes) {
            if (!volume.has("secret") || !volume.path("secret").has("items")) {
                continue;
            }
            found = true;
            String mount = mountPath(container, volume.path("name").asText());
            for (JsonNode item : volume.path("secret").path("items")) {
                String source = secretKeys.get(item.path("key").asText());
                assertThat(source).as("the documented Secret has key " + item.path("key").asText()).isNotNull();
                Path target = root.resolve(mount.substring(1)).resolve(item.path("path").asText());
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(source), target);
            }
        }
        assertThat(found).as("a Secret volume with items").isTrue();
        return root;
    }

    /** Secret key -> file, from the documented {@code kubectl create secret ... --from-file=KEY=FILE}. */
    private static Map<String, String> documentedSecretKeys(String doc, Path work) {
        Map<String, String> keys = new HashMap<>();
        Matcher m = Pattern.compile("--from-file=([\\w.]+)=(\\S+)").matcher(doc);
        while (m.find()) {
            keys.put(m.group(1), m.group(2).replace("stile-ca/", work.resolve("stile-ca") + "/"));
        }
        return keys;
    }

    static String mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }
}
