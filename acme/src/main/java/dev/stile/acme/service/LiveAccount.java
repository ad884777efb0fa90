package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.AccountStore;
import dev.stile.acme.validation.ValidationOutcome;

import java.util.Optional;

/**
 * The account's status read live when a validation succeeds: an account deactivated (or revoked)
 * while its challenge was being validated gets no valid authorization. draft-ietf-acme-dns-persist-02
 * §4.2 rule 1 requires this for dns-persist-01 (deactivation must stop an account's standing
 * records at once); for the other challenge types it is what RFC 8555 §7.3.6 implies.
 */
final class LiveAccount {

    private LiveAccount() {
    }

    static ValidationOutcome confirm(AccountStore accounts, String accountId, ValidationOutcome outcome) {
        if (outcome.verdict() != ValidationOutcome.Verdict.VALID) {
            return outcome;
        }
        Optional<Account> account = accounts.findById(accountId);
        if (account.isPresent() && account.get().isValid()) {
            return outcome;
        }
        return ValidationOutcome.invalid(AcmeProblem.UNAUTHORIZED.withDetail("The account " + accountId
                + " is no longer valid (deactivated or revoked while its challenge was validated), so the"
                + " authorization cannot become valid."), outcome.records());
    }
}
