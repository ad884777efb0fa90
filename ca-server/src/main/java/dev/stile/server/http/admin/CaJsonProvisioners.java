package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.ProvisionerConfigException;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.ProvisionerSource;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Changes {@code authority.provisioners} (and {@code authority.policy}, see {@link #edit}) in
 * ca.json and makes them effective at once. Each change is validated with the registry's own
 * parser against the whole new list and policy (so duplicate kids or a
 * second K8sSA are refused as at start-up), written atomically (temp file in the same directory,
 * then a move, so a crash never leaves half a ca.json) and followed by a direct
 * {@link ProvisionerSource#reload()} instead of waiting for the file watcher. Other keys of ca.json
 * are kept; the file is re-serialised as indented JSON (original formatting is not preserved).
 * Changes are serialised by a lock: two admins cannot lose each other's edit within this process.
 */
public final class CaJsonProvisioners {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ProvisionerSource source;
    private final Object lock = new Object();

    public CaJsonProvisioners(Path file, ProvisionerSource source) {
        this.file = Objects.requireNonNull(file, "file");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Adds a provisioner at the end of the list; 409 when the name is taken, 400 when invalid. */
    public void create(JsonNode provisioner) {
        String name = nameOf(provisioner);
        edit(root -> {
            ArrayNode list = provisioners(root);
            if (indexOf(list, name) >= 0) {
                throw new ProvisionerChangeException(409, "a provisioner named \"" + name + "\" already exists");
            }
            list.add(provisioner);
        });
    }

    /** Replaces the provisioner called {@code name}, in place; 404 unknown, 409 when renamed onto another. */
    public void update(String name, JsonNode provisioner) {
        String newName = nameOf(provisioner);
        edit(root -> {
            ArrayNode list = provisioners(root);
            int at = indexOf(list, name);
            if (at < 0) {
                throw new ProvisionerChangeException(404, "provisioner " + name + " not found");
            }
            if (!newName.equals(name) && indexOf(list, newName) >= 0) {
                throw new ProvisionerChangeException(409, "a provisioner named \"" + newName + "\" already exists");
            }
            list.set(at, provisioner);
        });
    }

    /** Removes the provisioner called {@code name}; 404 unknown. */
    public void delete(String name) {
        edit(root -> provisioners(root).remove(existing(provisioners(root), name)));
    }

    /**
     * Applies {@code change} to ca.json's root object under the lock, then validates, writes and
     * reloads as for every provisioner change. The change may throw {@link ProvisionerChangeException}
     * to refuse (nothing is written then).
     */
    public void edit(Consumer<ObjectNode> change) {
        synchronized (lock) {
            ObjectNode root = read();
            change.accept(root);
            commit(root);
        }
    }

    /** The current ca.json root object (a fresh copy, read from disk). */
    public ObjectNode current() {
        synchronized (lock) {
            return read();
        }
    }

    /** The {@code authority} object of {@code root}, created when absent. */
    static ObjectNode authority(ObjectNode root) {
        JsonNode a = root.get("authority");
        return a != null && a.isObject() ? (ObjectNode) a : root.putObject("authority");
    }

    /** {@code authority.provisioners} of {@code root}, created when absent. */
    static ArrayNode provisioners(ObjectNode root) {
        ObjectNode authority = authority(root);
        JsonNode p = authority.get("provisioners");
        return p != null && p.isArray() ? (ArrayNode) p : authority.putArray("provisioners");
    }

    /** The index of the provisioner called {@code name}; 404 when there is none. */
    static int existing(ArrayNode list, String name) {
        int at = indexOf(list, name);
        if (at < 0) {
            throw new ProvisionerChangeException(404, "provisioner " + name + " not found");
        }
        return at;
    }

    private static String nameOf(JsonNode provisioner) {
        if (provisioner == null || !provisioner.isObject()) {
            throw new ProvisionerChangeException(400, "the body must be a provisioner as a JSON object, as in ca.json");
        }
        String name = provisioner.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw new ProvisionerChangeException(400, "\"name\" is missing");
        }
        return name;
    }

    private static int indexOf(ArrayNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode read() {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new ProvisionerChangeException(500, file + " is not a JSON object");
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            throw new ProvisionerChangeException(500, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private void commit(ObjectNode root) {
        ObjectNode authority = authority(root);
        List<JsonNode> list = new ArrayList<>();
        provisioners(root).forEach(list::add);
        try {
            ProvisionerRegistry.load(list, authority.get("claims"), authority.get("policy"));
        } catch (ProvisionerConfigException e) {
            throw new ProvisionerChangeException(400, e.getMessage());
        }
        String before;
        try {
            before = Files.readString(file);
            write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new ProvisionerChangeException(500, "cannot write " + file + ": " + e.getMessage());
        }
        String refused = source.reload();
        if (refused != null) {
            // Something else in ca.json is broken (edited by hand meanwhile): put the old file back.
            try {
                write(before);
            } catch (IOException e) {
                refused = refused + "; restoring the previous " + file + " failed too: " + e.getMessage();
            }
            throw new ProvisionerChangeException(500, "the change was written but the reload failed, so it was undone: "
                    + refused);
        }
    }

    private void write(String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
