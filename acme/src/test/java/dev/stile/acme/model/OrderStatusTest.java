package dev.stile.acme.model;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);
    static final Instant EARLIER = NOW.minusSeconds(1);

    record Case(Status stored, Instant expires, List<Authorization> authzs, Status expected) {
    }

    static Authorization authz(Status s, Instant expires) {
        return new Authorization("a" + s + expires, "acc", Identifier.dns("a.example"), false, s, expires, List.of());
    }

    static Authorization authz(Status s) {
        return authz(s, LATER);
    }

    static List<Authorization> all(Status... s) {
        return Arrays.stream(s).map(OrderStatusTest::authz).collect(Collectors.toList());
    }

    static Arguments c(String name, Status stored, Instant expires, List<Authorization> authzs, Status expected) {
        return Arguments.of(Named.of(name, new Case(stored, expires, authzs, expected)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("ok/pending-while-any-authz-pending", Status.PENDING, LATER, all(Status.VALID, Status.PENDING), Status.PENDING),
                c("ok/ready-when-all-valid", Status.PENDING, LATER, all(Status.VALID, Status.VALID), Status.READY),
                c("ok/processing-is-stored", Status.PROCESSING, LATER, all(Status.VALID), Status.PROCESSING),
                c("ok/valid-is-stored", Status.VALID, EARLIER, all(Status.VALID), Status.VALID),
                c("ok/no-authorizations-is-pending", Status.PENDING, LATER, List.of(), Status.PENDING),
                c("fail/invalid-is-stored", Status.INVALID, LATER, all(Status.VALID), Status.INVALID),
                c("fail/order-expired", Status.PENDING, EARLIER, all(Status.VALID), Status.INVALID),
                c("fail/order-expires-exactly-now", Status.PENDING, NOW, all(Status.PENDING), Status.INVALID),
                c("fail/authz-invalid", Status.PENDING, LATER, all(Status.VALID, Status.INVALID), Status.INVALID),
                c("fail/authz-deactivated", Status.PENDING, LATER, all(Status.DEACTIVATED), Status.INVALID),
                c("fail/authz-revoked", Status.PENDING, LATER, all(Status.REVOKED, Status.PENDING), Status.INVALID),
                c("fail/authz-expired", Status.PENDING, LATER, List.of(authz(Status.VALID, EARLIER), authz(Status.VALID)), Status.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derive(Case tc) {
        assertThat(OrderStatus.derive(tc.stored, tc.expires, tc.authzs, NOW)).isEqualTo(tc.expected);
    }
}
