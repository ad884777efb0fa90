-- The inventory of every certificate the CA signed (issue 2). A row is written before the
-- certificate leaves the CA. Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE certificates (
    serial            VARCHAR(64)              PRIMARY KEY,  -- lower-case hex, no leading zeros
    subject           VARCHAR(1024)            NOT NULL,
    sans              TEXT                     NOT NULL,     -- type:value, one per line
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    provisioner       VARCHAR(255)             NOT NULL,
    provisioner_type  VARCHAR(32)              NOT NULL,
    requester         VARCHAR(1024)            NOT NULL,
    key_type          VARCHAR(32)              NOT NULL,
    pem               TEXT                     NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason VARCHAR(64)
);

-- Listing is newest first with a (issued_at, serial) keyset cursor; these indexes serve it
-- with and without the provisioner filter, and the "expiring before" listing.
CREATE INDEX certificates_issued_at ON certificates (issued_at DESC, serial DESC);
CREATE INDEX certificates_provisioner ON certificates (provisioner, issued_at DESC, serial DESC);
CREATE INDEX certificates_not_after ON certificates (not_after);

-- Every name on a certificate (SAN values and subject CN, lower-cased) so that "which
-- certificates carry www.example.com" is an index lookup, never a scan of the sans text.
CREATE TABLE certificate_names (
    serial VARCHAR(64)  NOT NULL REFERENCES certificates (serial) ON DELETE CASCADE,
    name   VARCHAR(1024) NOT NULL,
    PRIMARY KEY (serial, name)
);
CREATE INDEX certificate_names_name ON certificate_names (name, serial);
