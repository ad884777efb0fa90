-- Baseline: records the schema's creation. Each area of Stile adds its own numbered migration:
-- V1 certificates and revocations, V2 ACME, V3 tokens and provisioners, V4 operations.
CREATE TABLE schema_info (
    name  VARCHAR(64) PRIMARY KEY,
    value VARCHAR(255) NOT NULL
);
INSERT INTO schema_info (name, value) VALUES ('created_by', 'stile');
