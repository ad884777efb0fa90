-- Issue 13: the revocation index was (revoked_at, serial). Every certificate is inserted with
-- revoked_at NULL, so its entry landed at the random place of its random serial, and each
-- issuance rewrote a random index page at commit. Indexed on revoked_at alone, an unrevoked
-- certificate's entry follows the previous one (H2 and PostgreSQL break ties by row position).
-- No query gained from serial here: the CRL reads the revoked range, filters and sorts by serial.
DROP INDEX certificates_revoked_at;
CREATE INDEX certificates_revoked ON certificates (revoked_at);
