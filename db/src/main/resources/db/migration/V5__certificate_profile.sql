-- The ACME profile an order asked for (draft-aaron-acme-profiles), kept with the certificate so
-- the issuance metric and GET /admin/certificates can name it. NULL: issued without a profile
-- (step /sign, renew, ACME orders without one).
ALTER TABLE certificates ADD COLUMN profile VARCHAR(64);
