-- One-time tokens already used (issue 5): a token ID may authorise one request, on any replica.
-- Rows are useless once the token has expired; expires_at is indexed so retention can delete
-- them in small batches instead of letting the table grow forever (step-ca never purges).
CREATE TABLE used_tokens (
    token_id   VARCHAR(255)             PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX used_tokens_expires_at ON used_tokens (expires_at);

-- The CRL's monotonically increasing number (RFC 5280 5.2.3), one row, shared by replicas.
CREATE TABLE crl_state (
    id         INTEGER                  PRIMARY KEY,
    crl_number BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO crl_state (id, crl_number, updated_at) VALUES (1, 0, CURRENT_TIMESTAMP);

-- Revoked certificates for the CRL are found by revoked_at, then listed by serial.
CREATE INDEX certificates_revoked_at ON certificates (revoked_at, serial);
