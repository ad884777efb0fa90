package dev.stile.db.acme;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.db.Database;
import dev.stile.db.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Small JDBC helpers shared by the ACME stores: timestamps and the JSON columns. */
final class Jdbc {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<IdentifierJson>> IDENTIFIERS = new TypeReference<>() { };
    private static final TypeReference<List<ValidationRecord>> RECORDS = new TypeReference<>() { };

    /** Both H2 and PostgreSQL report unique-key violations with this SQLSTATE. */
    static final String UNIQUE_VIOLATION = "23505";

    private record IdentifierJson(String type, String value) {
    }

    private Jdbc() {
    }

    /**
     * Runs an UPDATE whose parameters are all strings.
     *
     * @return true when exactly one row changed (the conditional state transitions rely on that)
     */
    static boolean updateOne(Database db, String sql, String... params) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String writeIdentifiers(List<Identifier> ids) {
        return write(ids.stream().map(i -> new IdentifierJson(i.type(), i.value())).toList());
    }

    static List<Identifier> identifiers(String json) {
        return read(json, IDENTIFIERS).stream().map(i -> new Identifier(i.type(), i.value())).toList();
    }

    static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    static List<ValidationRecord> records(String json) {
        return json == null ? List.of() : read(json, RECORDS);
    }

    static ProblemDocument problem(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, ProblemDocument.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored problem document is not readable JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON column is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
