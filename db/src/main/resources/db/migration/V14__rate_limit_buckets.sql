-- Rate limits (docs/acme.md "Rate limits"): one row per token bucket, shared by every replica.
-- The layout is the one Bucket4j's PostgreSQL select-for-update proxy manager reads and writes
-- (state: Bucket4j's own serialisation; expires_at: epoch milliseconds after which the bucket is
-- full again and the row can be deleted without changing any decision).
CREATE TABLE rate_limit_buckets (
    id         VARCHAR(512) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX ix_rate_limit_buckets_expires ON rate_limit_buckets (expires_at);
