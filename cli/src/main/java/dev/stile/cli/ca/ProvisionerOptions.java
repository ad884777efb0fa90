package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.authority.init.InitException;
import dev.stile.authority.PasswordFile;
import org.jose4j.jwk.PublicJsonWebKey;
import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which JWK provisioner signs the token and how to unlock its key: {@code --provisioner},
 * {@code --kid}, {@code --password-file} (step's flag names).
 */
public final class ProvisionerOptions {

    @Option(names = {"--provisioner", "--issuer"}, paramLabel = "NAME",
            description = "The JWK provisioner to use; needed when the CA has several.")
    String name;

    @Option(names = "--kid", paramLabel = "KID", description = "The provisioner key ID, to choose among provisioners.")
    String kid;

    @Option(names = {"--password-file", "--provisioner-password-file"}, paramLabel = "FILE",
            description = "File with the password of the provisioner key (trailing whitespace ignored); "
                    + "without it the password is asked on the terminal.")
    Path passwordFile;

    /** A provisioner's name with its decrypted private key. */
    public record Signer(String name, PublicJsonWebKey key) {
    }

    /**
     * Lists the provisioners, picks the JWK one, fetches and decrypts its key (step-ca-api.md 10,
     * {@code step ca token} steps 1-2).
     */
    public Signer load(CaClient client) {
        JsonNode provisioner = ProvisionerCatalog.chooseJwk(ProvisionerCatalog.list(client), name, kid, client.baseUrl());
        String chosen = ProvisionerCatalog.text(provisioner, "name");
        String keyId = ProvisionerCatalog.kid(provisioner);
        if (keyId == null) {
            throw CliException.refused("provisioner '" + chosen + "' at " + client.baseUrl() + " has no key.kid");
        }
        String jwe = ProvisionerKeys.fetch(client, keyId);
        char[] password = password(chosen);
        try {
            PublicJsonWebKey key = ProvisionerKeys.decrypt(jwe, password, chosen,
                    passwordFile == null ? "the terminal" : "--password-file " + passwordFile);
            if (key.getKeyId() == null) {
                key.setKeyId(keyId);
            }
            return new Signer(chosen, key);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password(String provisioner) {
        if (passwordFile != null) {
            try {
                return PasswordFile.read(passwordFile, "--password-file");
            } catch (InitException e) {
                throw CliException.usage(e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("--password-file FILE is required: there is no terminal to ask for the password of "
                    + "provisioner '" + provisioner + "'");
        }
        char[] typed = console.readPassword("Please enter the password to decrypt the provisioner key '%s': ", provisioner);
        if (typed == null || typed.length == 0) {
            throw CliException.usage("no password given for provisioner '" + provisioner + "'");
        }
        return typed;
    }
}
