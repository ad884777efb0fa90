package dev.stile.admin;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.util.Collection;
import java.util.Optional;

/** The admins of the admin API (step-ca's linkedca admins): who may manage provisioners, keys and admins. */
public interface AdminStore {

    /** Adds an admin; false when the (subject, provisioner) pair already exists. */
    boolean insert(AdminRecord admin);

    Optional<AdminRecord> find(String id);

    /** The admin record of one of these subjects under this provisioner, super-admins first. */
    Optional<AdminRecord> findFor(String provisioner, Collection<String> subjects);

    /** Admins ordered by id; the cursor is the last id of the previous page. */
    Page<AdminRecord> list(PageRequest page);

    long countSuperAdmins();

    /** False when there is no admin with this id. */
    boolean updateType(String id, AdminRecord.Type type);

    /** False when there is no admin with this id. */
    boolean delete(String id);
}
