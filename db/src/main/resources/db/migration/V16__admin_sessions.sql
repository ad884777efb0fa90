-- Admin sessions (issue 14): what `stile admin login` and the browser console hold instead of a
-- fresh x5c admin token per request, and the one-time sign-in links `stile admin console-url`
-- prints. Only the SHA-256 of a bearer secret is stored, so a copy of the database signs nobody in.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE admin_sessions (
    id          VARCHAR(64)              PRIMARY KEY,  -- public id, for listing and revoking
    token_hash  VARCHAR(64)              NOT NULL UNIQUE,  -- hex SHA-256 of the secret
    kind        VARCHAR(16)              NOT NULL,  -- cli, console or link (one-time sign-in link)
    admin_id    VARCHAR(64)              NOT NULL,
    subject     VARCHAR(1024)            NOT NULL,
    csrf_token  VARCHAR(64),                        -- console sessions: sent back in X-CSRF-Token
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,           -- links: redeemed (single use)
    revoked_at  TIMESTAMP WITH TIME ZONE
);
-- Purging expired rows is a range delete on expires_at.
CREATE INDEX admin_sessions_expires_at ON admin_sessions (expires_at);
