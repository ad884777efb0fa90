package dev.stile.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.stile.db.Database;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseOpeningTest {

    @Test
    void opensOnItsOwnThreadAndHandsTheDatabaseOver() {
        AtomicReference<String> thread = new AtomicReference<>();
        DatabaseOpening opening = DatabaseOpening.start(() -> {
            thread.set(Thread.currentThread().getName());
            return Database.inMemory("opening-ok");
        });

        try (Database database = opening.await()) {
            assertThat(database.isHealthy()).isTrue();
        }
        assertThat(thread.get()).isEqualTo("stile-db-open");
    }

    @Test
    void anErrorOpeningIsRethrownUnchanged() {
        StartupException failure = new StartupException("cannot open the h2 database db/stile: locked");
        DatabaseOpening opening = DatabaseOpening.start(() -> {
            throw failure;
        });

        assertThatThrownBy(opening::await).isSameAs(failure);
    }

    @Test
    void abandoningWaitsForTheOpeningAndClosesTheDatabase() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Database> opened = new AtomicReference<>();
        DatabaseOpening opening = DatabaseOpening.start(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            opened.set(Database.inMemory("opening-abandoned"));
            return opened.get();
        });

        release.countDown();
        opening.abandon();

        assertThat(((HikariDataSource) opened.get().dataSource()).isClosed()).isTrue();
    }

    @Test
    void abandoningAFailedOpeningThrowsNothing() {
        DatabaseOpening opening = DatabaseOpening.start(() -> {
            throw new IllegalStateException("no database");
        });

        opening.abandon();
    }
}
