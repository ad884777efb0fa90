-- Issue 13: new certificates are stored as DER bytes instead of PEM text. H2 writes a text value
-- character by character at every commit and a binary one as one copy, and DER is three quarters
-- of the PEM's size; the PEM is rebuilt exactly from it when read. Rows written before keep their
-- pem and a NULL der: readers take der when present, else pem, so no existing row is rewritten.
ALTER TABLE certificates ADD COLUMN der BYTEA;
ALTER TABLE certificates ALTER COLUMN pem DROP NOT NULL;
ALTER TABLE certificates ADD CONSTRAINT certificates_der_or_pem CHECK (der IS NOT NULL OR pem IS NOT NULL);
