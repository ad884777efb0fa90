package dev.stile.acme.service;

import dev.stile.acme.model.Account;

/**
 * The answer to newAccount.
 *
 * @param account the account
 * @param created true → 201 Created, false → 200 OK with the existing account (RFC 8555 §7.3.1)
 */
public record AccountResult(Account account, boolean created) {
}
