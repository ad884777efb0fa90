package dev.stile.admin;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FirstSuperAdminTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void theFirstSuperAdminIsCreatedOnlyWhileThereIsNone() {
        InMemoryAdmins admins = new InMemoryAdmins();

        Optional<AdminRecord> first = FirstSuperAdmin.create(admins, FirstSuperAdmin.DEFAULT_SUBJECT, "admin", NOW);
        Optional<AdminRecord> second = FirstSuperAdmin.create(admins, "someone-else", "admin", NOW);

        assertThat(first).hasValueSatisfying(a -> {
            assertThat(a.subject()).isEqualTo("step");
            assertThat(a.provisioner()).isEqualTo("admin");
            assertThat(a.type()).isEqualTo(AdminRecord.Type.SUPER_ADMIN);
            assertThat(a.createdAt()).isEqualTo(NOW);
        });
        assertThat(second).as("whichever of init and serve runs second adds nothing").isEmpty();
        assertThat(admins.rows).hasSize(1);
    }

    @Test
    void anAdminWhoIsNotSuperDoesNotCountAsTheFirstSuperAdmin() {
        InMemoryAdmins admins = new InMemoryAdmins();
        admins.insert(new AdminRecord("a1", "ops", "admin", AdminRecord.Type.ADMIN, NOW));

        assertThat(FirstSuperAdmin.create(admins, "step", "admin", NOW)).isPresent();
    }

    /** Just enough of the port for the rule: insert refuses a (subject, provisioner) pair twice. */
    private static final class InMemoryAdmins implements AdminStore {
        final List<AdminRecord> rows = new ArrayList<>();

        @Override
        public boolean insert(AdminRecord admin) {
            if (rows.stream().anyMatch(r -> r.subject().equals(admin.subject())
                    && r.provisioner().equals(admin.provisioner()))) {
                return false;
            }
            return rows.add(admin);
        }

        @Override
        public Optional<AdminRecord> find(String id) {
            return rows.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public Optional<AdminRecord> findFor(String provisioner, Collection<String> subjects) {
            return rows.stream().filter(r -> r.provisioner().equals(provisioner) && subjects.contains(r.subject()))
                    .findFirst();
        }

        @Override
        public Page<AdminRecord> list(PageRequest page) {
            return new Page<>(List.copyOf(rows), null);
        }

        @Override
        public long countSuperAdmins() {
            return rows.stream().filter(r -> r.type() == AdminRecord.Type.SUPER_ADMIN).count();
        }

        @Override
        public boolean updateType(String id, AdminRecord.Type type) {
            return false;
        }

        @Override
        public boolean delete(String id) {
            return rows.removeIf(r -> r.id().equals(id));
        }
    }
}
