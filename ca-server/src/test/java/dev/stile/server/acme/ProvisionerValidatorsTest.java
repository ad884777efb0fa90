package dev.stile.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.net.Validators;
import dev.stile.provisioners.ProvisionerRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionerValidatorsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final List<ValidationSettings> built = new ArrayList<>();
    final Function<ValidationSettings, Validators> factory = s -> {
        built.add(s);
        return Validators.create(s, Clock.systemUTC());
    };

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    static ProvisionerRegistry registry(String... provisioners) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String p : provisioners) {
            nodes.add(json(p));
        }
        return ProvisionerRegistry.load(nodes, null);
    }

    ProvisionerValidators validators(AtomicReference<ProvisionerRegistry> registry) throws Exception {
        JsonNode global = json("{'resolvers': ['127.0.0.1:5300'], 'retryWindow': '90s'}");
        return new ProvisionerValidators(global, ValidationSettings.parse(global), registry::get, factory, m -> m);
    }

    @Test
    void okProvisionersWithoutABlockShareTheGlobalValidatorsAndOthersGetTheirOwnOnce() throws Exception {
        AtomicReference<ProvisionerRegistry> r = new AtomicReference<>(registry("{'type':'ACME','name':'acme'}",
                "{'type':'ACME','name':'home','caaIdentities':['CA.Home.Arpa.'],"
                        + "'validation':{'resolvers':['10.43.0.10'],'retryWindow':'30s'}}"));
        try (ProvisionerValidators v = validators(r)) {
            assertThat(built).hasSize(1); // the global ones
            assertThat(v.validator("acme", ChallengeType.DNS_01)).containsSame(v.global().forType(ChallengeType.DNS_01));
            assertThat(v.schedule("acme").window()).isEqualTo(Duration.ofSeconds(90));

            assertThat(v.validator("home", ChallengeType.DNS_01)).isPresent();
            assertThat(v.validator("home", ChallengeType.HTTP_01)).isPresent();
            assertThat(built).hasSize(2);
            assertThat(built.get(1).resolvers().get(0).toString()).startsWith("10.43.0.10");
            assertThat(v.schedule("home").window()).isEqualTo(Duration.ofSeconds(30));
            assertThat(v.issuerDomainNames("home")).containsExactly("ca.home.arpa");

            // A reload that changes the block rebuilds them; one that keeps it does not.
            r.set(registry("{'type':'ACME','name':'home','validation':{'resolvers':['10.43.0.10'],'retryWindow':'30s'}}"));
            v.schedule("home");
            assertThat(built).hasSize(2);
            r.set(registry("{'type':'ACME','name':'home','validation':{'retryWindow':'45s'}}"));
            assertThat(v.schedule("home").window()).isEqualTo(Duration.ofSeconds(45));
            assertThat(built).hasSize(3);
            assertThat(built.get(2).resolvers().get(0).toString()).as("global resolvers kept").startsWith("127.0.0.1");
        }
    }

    @Test
    void failAWrongBlockStopsStartUpNamingTheProvisionerAndFailsChallengesAfterAReload() throws Exception {
        AtomicReference<ProvisionerRegistry> r = new AtomicReference<>(registry(
                "{'type':'ACME','name':'home','validation':{'tries':0}}"));
        try (ProvisionerValidators v = validators(r)) {
            assertThatThrownBy(v::checkAll)
                    .hasMessage("ACME provisioner home: validation.tries: must be a whole number from 1 to 10, got 0");
            var outcome = v.validator("home", ChallengeType.DNS_01).orElseThrow().validate(
                    new dev.stile.acme.validation.ValidationTarget(dev.stile.acme.model.Identifier.dns("a.example"),
                            "t", "t.k", null));
            assertThat(outcome.problem().detail()).contains("the CA's validation settings are wrong: ACME provisioner home");
        }
    }
}
