-- Admin API EAB management (issue 6): step-ca's EAB keys carry an operator "reference" (<= 256
-- chars, e.g. the host the key is for), and keys are listed per provisioner.
ALTER TABLE acme_eab_keys ADD COLUMN reference VARCHAR(256);
CREATE INDEX ix_acme_eab_keys_provisioner ON acme_eab_keys (provisioner, key_id);
