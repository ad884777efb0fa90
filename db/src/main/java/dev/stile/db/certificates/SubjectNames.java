package dev.stile.db.certificates;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.util.Optional;

/** Reads the common name out of an RFC 4514 subject string. */
final class SubjectNames {

    private SubjectNames() {
    }

    static Optional<String> commonName(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
