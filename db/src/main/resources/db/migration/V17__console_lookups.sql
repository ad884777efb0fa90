-- The admin console's certificate detail (issue 14) finds the ACME order of a certificate by
-- acme_orders.certificate_id; without this index that is a scan of every order.
CREATE INDEX ix_acme_orders_certificate ON acme_orders (certificate_id);
