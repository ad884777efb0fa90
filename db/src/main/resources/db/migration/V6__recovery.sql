-- Recovery after a crash or a database error (issue 10).
-- An order being finalized records when it started and which certificate id it will store, so a
-- reconciler can tell, once a short deadline has passed, whether the certificate was stored
-- (order -> valid) or not (order -> pending again, i.e. ready to be finalized once more).
ALTER TABLE acme_orders ADD COLUMN processing_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE acme_orders ADD COLUMN pending_certificate_id VARCHAR(64);
CREATE INDEX ix_acme_orders_processing ON acme_orders (status, processing_since);

-- A validation in progress is held by one replica until its lease expires; another replica takes
-- it over after that (the owner died or lost the database).
ALTER TABLE acme_challenges ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE acme_challenges ADD COLUMN lease_expires TIMESTAMP WITH TIME ZONE;
