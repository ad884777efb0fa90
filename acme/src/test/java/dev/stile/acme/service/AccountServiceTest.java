package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Status;
import dev.stile.acme.store.EabKey;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import dev.stile.core.Page;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.stile.acme.service.AcmeFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccountServiceTest {

    final AcmeFixture f = new AcmeFixture();
    final PublicJsonWebKey key = TestKeys.ec256();
    static final byte[] HMAC = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    AccountResult create(String payload) {
        return f.accountService.newAccount(f.settings, f.jwkRequest(key, f.links.newAccount(), payload));
    }

    @Test
    void okNewAccountThenSameKeyReturnsExisting() {
        AccountResult first = create("{\"contact\":[\"mailto:ops@example.com\"],\"termsOfServiceAgreed\":true}");
        assertThat(first.created()).isTrue();
        assertThat(first.account().status()).isEqualTo(Status.VALID);
        assertThat(first.account().contacts()).containsExactly("mailto:ops@example.com");
        AccountResult again = create("{\"onlyReturnExisting\":true}");
        assertThat(again.created()).isFalse();
        assertThat(again.account().id()).isEqualTo(first.account().id());
    }

    @Test
    void failOnlyReturnExistingForUnknownKey() {
        problem("accountDoesNotExist", () -> create("{\"onlyReturnExisting\":true}"));
    }

    @Test
    void failContacts() {
        problem("unsupportedContact", () -> create("{\"contact\":[\"tel:+123\"]}"));
        problem("invalidContact", () -> create("{\"contact\":[\"mailto:not-an-address\"]}"));
        problem("invalidContact", () -> create("{\"contact\":[\"mailto:a@example.com?subject=x\"]}"));
        problem("invalidContact", () -> create("{\"contact\":[\"mailto:a@example.com,b@example.com\"]}"));
        problem("invalidContact", () -> create("{\"contact\":[\"\"]}"));
    }

    @Test
    void failTermsOfServiceNotAgreed() {
        f.settings = new AcmeProvisionerSettings("acme", null, false, "https://ca.test/tos", null, null,
                null, null, null, null, null, null);
        problem("malformed", () -> create("{}"));
        assertThat(create("{\"termsOfServiceAgreed\":true}").created()).isTrue();
    }

    @Test
    void failExternalAccountRequired() {
        requireEab();
        problem("externalAccountRequired", () -> create("{\"termsOfServiceAgreed\":true}"));
    }

    @Test
    void okExternalAccountBindingBindsTheKeyOnce() {
        requireEab();
        f.eabKeys.save(new EabKey("kid-1", "acme", HMAC, null, Instant.EPOCH));
        Account a = create("{\"externalAccountBinding\":" + eab("kid-1", HMAC, key, f.links.newAccount()) + "}").account();
        assertThat(a.eabKeyId()).isEqualTo("kid-1");
        assertThat(f.eabKeys.find("kid-1").orElseThrow().boundAccountId()).isEqualTo(a.id());

        PublicJsonWebKey other = TestKeys.ec256();
        problem("unauthorized", () -> f.accountService.newAccount(f.settings, f.jwkRequest(other, f.links.newAccount(),
                "{\"externalAccountBinding\":" + eab("kid-1", HMAC, other, f.links.newAccount()) + "}")));
    }

    @Test
    void failExternalAccountBindingChecks() {
        requireEab();
        f.eabKeys.save(new EabKey("kid-1", "acme", HMAC, null, Instant.EPOCH));
        f.eabKeys.save(new EabKey("kid-other-prov", "other", HMAC, null, Instant.EPOCH));
        byte[] wrongMac = "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.UTF_8);
        problem("unauthorized", () -> create("{\"externalAccountBinding\":" + eab("kid-1", wrongMac, key, f.links.newAccount()) + "}"));
        problem("unauthorized", () -> create("{\"externalAccountBinding\":" + eab("nope", HMAC, key, f.links.newAccount()) + "}"));
        problem("unauthorized", () -> create("{\"externalAccountBinding\":" + eab("kid-other-prov", HMAC, key, f.links.newAccount()) + "}"));
        problem("malformed", () -> create("{\"externalAccountBinding\":" + eab("kid-1", HMAC, TestKeys.ec256(), f.links.newAccount()) + "}"));
        problem("malformed", () -> create("{\"externalAccountBinding\":" + eab("kid-1", HMAC, key, "https://ca.test/elsewhere") + "}"));
        assertThat(f.eabKeys.find("kid-1").orElseThrow().boundAccountId()).isNull();
    }

    @Test
    void okUpdateContactsAndDeactivate() {
        Account a = f.newAccount();
        String url = f.links.account(a.id());
        assertThat(f.accountService.update(f.kidRequest(a, url, ""), a.id()).id()).isEqualTo(a.id());
        Account updated = f.accountService.update(f.kidRequest(a, url, "{\"contact\":[\"mailto:new@example.com\"]}"), a.id());
        assertThat(updated.contacts()).containsExactly("mailto:new@example.com");
        assertThat(f.accounts.findById(a.id()).orElseThrow().contacts()).containsExactly("mailto:new@example.com");
        problem("malformed", () -> f.accountService.update(f.kidRequest(a, url, "{\"status\":\"valid\"}"), a.id()));
        Account gone = f.accountService.update(f.kidRequest(a, url, "{\"status\":\"deactivated\"}"), a.id());
        assertThat(gone.status()).isEqualTo(Status.DEACTIVATED);
        assertThat(f.accounts.findById(a.id()).orElseThrow().status()).isEqualTo(Status.DEACTIVATED);
    }

    @Test
    void failNewAccountWithTheKeyOfADeactivatedAccount() {
        Account a = create("{}").account();
        f.accountService.update(f.kidRequest(a, f.links.account(a.id()), "{\"status\":\"deactivated\"}"), a.id());
        problem("unauthorized", () -> create("{\"onlyReturnExisting\":true}"));
        problem("unauthorized", () -> create("{}"));
    }

    @Test
    void failUpdateOfAnotherAccount() {
        Account a = f.newAccount();
        Account b = f.newAccount();
        problem("unauthorized", () -> f.accountService.update(f.kidRequest(a, f.links.account(b.id()), ""), b.id()));
    }

    @Test
    void okKeyChange() {
        AtomicReference<PublicJsonWebKey> old = new AtomicReference<>();
        Account a = f.newAccount(old::set);
        PublicJsonWebKey next = TestKeys.ec256();
        Account changed = f.accountService.changeKey(f.kidRequest(a, f.links.keyChange(),
                inner(next, f.links.keyChange(), f.links.account(a.id()), old.get())));
        assertThat(changed.jwkThumbprint()).isEqualTo(dev.stile.acme.model.KeyAuthorization.thumbprint(next));
        assertThat(f.accounts.findByThumbprint("acme", changed.jwkThumbprint())).get().extracting(Account::id).isEqualTo(a.id());
    }

    @Test
    void failKeyChangeChecks() {
        AtomicReference<PublicJsonWebKey> old = new AtomicReference<>();
        Account a = f.newAccount(old::set);
        AtomicReference<PublicJsonWebKey> otherKey = new AtomicReference<>();
        Account b = f.newAccount(otherKey::set);
        String kc = f.links.keyChange();
        String acct = f.links.account(a.id());
        KeyConflictException conflict = catchThrowableOfType(KeyConflictException.class, () ->
                f.accountService.changeKey(f.kidRequest(a, kc, inner(otherKey.get(), kc, acct, old.get()))));
        assertThat(conflict.problem().status()).isEqualTo(409);
        assertThat(conflict.existingAccountId()).isEqualTo(b.id());
        PublicJsonWebKey next = TestKeys.ec256();
        problem("unauthorized", () -> f.accountService.changeKey(f.kidRequest(a, kc, inner(next, kc, acct, TestKeys.ec256()))));
        problem("malformed", () -> f.accountService.changeKey(f.kidRequest(a, kc, inner(next, "https://ca.test/other", acct, old.get()))));
        problem("malformed", () -> f.accountService.changeKey(f.kidRequest(a, kc, inner(next, kc, f.links.account(b.id()), old.get()))));
        String withKid = TestJws.signedBy(next).kid(acct).url(kc).payload("{}").node().toString();
        problem("malformed", () -> f.accountService.changeKey(f.kidRequest(a, kc, withKid)));
        problem("badPublicKey", () -> f.accountService.changeKey(f.kidRequest(a, kc, inner(TestKeys.rsa(1024), kc, acct, old.get()))));
    }

    @Test
    void okOrdersListIsPaginatedNewestFirst() {
        Account a = f.newAccount();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < AccountService.ORDERS_PAGE_SIZE + 3; i++) {
            created.add(0, f.newOrder(a, AcmeFixture.dnsIds("n" + i + ".example.com")).id());
        }
        String url = f.links.accountOrders(a.id());
        Page<String> first = f.accountService.listOrders(f.kidRequest(a, url, ""), a.id(), "");
        assertThat(first.items()).hasSize(AccountService.ORDERS_PAGE_SIZE).containsExactlyElementsOf(created.subList(0, 50));
        Page<String> second = f.accountService.listOrders(f.kidRequest(a, url, ""), a.id(), first.nextCursor());
        assertThat(second.items()).containsExactlyElementsOf(created.subList(50, 53));
        assertThat(second.isLast()).isTrue();
        problem("malformed", () -> f.accountService.listOrders(f.kidRequest(a, url, "{}"), a.id(), ""));
    }

    private void requireEab() {
        f.settings = new AcmeProvisionerSettings("acme", null, true, null, null, null, null, null, null, null, null, null);
    }

    static String eab(String kid, byte[] mac, PublicJsonWebKey accountKey, String url) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue("HS256");
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("url", url);
            jws.setPayload(TestJws.publicJson(accountKey));
            jws.setKey(new HmacKey(mac));
            String[] p = jws.getCompactSerialization().split("\\.");
            return "{\"protected\":\"" + p[0] + "\",\"payload\":\"" + p[1] + "\",\"signature\":\"" + p[2] + "\"}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String inner(PublicJsonWebKey newKey, String url, String account, PublicJsonWebKey oldKey) {
        return TestJws.signedBy(newKey).url(url)
                .payload("{\"account\":\"" + account + "\",\"oldKey\":" + TestJws.publicJson(oldKey) + "}")
                .node().toString();
    }
}
