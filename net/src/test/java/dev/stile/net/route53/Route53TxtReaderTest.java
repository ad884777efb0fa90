package dev.stile.net.route53;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Route53TxtReaderTest {

    @Test
    void joinsQuotedStringsAndUnescapes() {
        assertThat(Route53TxtReader.unquote("\"abc\"")).isEqualTo("abc");
        assertThat(Route53TxtReader.unquote("\"ab\" \"cd\"")).isEqualTo("abcd");
        assertThat(Route53TxtReader.unquote("\"a\\\"b\"")).isEqualTo("a\"b");
        assertThat(Route53TxtReader.unquote("bare")).isEqualTo("bare");
    }

    @Test
    void tellsZoneIdsFromNames() {
        assertThat(Route53TxtReader.isZoneId("Z0123456789ABC")).isTrue();
        assertThat(Route53TxtReader.isZoneId("/hostedzone/Z0123456789ABC")).isTrue();
        assertThat(Route53TxtReader.isZoneId("example.com")).isFalse();
        assertThat(Route53TxtReader.isZoneId("EXAMPLE.COM")).isFalse();
    }
}
