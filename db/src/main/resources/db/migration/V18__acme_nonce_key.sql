-- ACME nonces are AES-GCM tokens (issue 13): issuing one writes nothing, redeeming one inserts its
-- id into acme_nonces, which from this version on records USED nonces (a unique key, so exactly
-- one replica accepts each) until they expire. The key the tokens are sealed with is shared by
-- every replica through this one-row table; the first server to start stores a random key.
-- A server of an older version redeems by deleting the nonce it issued: it never finds (and so
-- never accepts) a new token, nor deletes a replay record, whose id is shorter than its nonces.
CREATE TABLE acme_nonce_key (
    id         INTEGER                  PRIMARY KEY,   -- always 1
    secret     VARCHAR(64)              NOT NULL,      -- base64 of 32 random bytes (AES-256)
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
