/**
 * The ACME server's use cases (the RA role of Boulder), one service per resource, each built with
 * its stores and a {@link java.time.Clock}. They know neither HTTP nor JDBC: the HTTP layer
 * verifies the JWS with {@link dev.stile.acme.jws.JwsVerifier}, calls one method, renders the
 * returned record as JSON and maps {@link dev.stile.acme.problem.AcmeException} to
 * {@code application/problem+json}. URLs come from {@link dev.stile.acme.service.AcmeLinks}.
 *
 * <table>
 *   <caption>Endpoint → service call (paths under {@code /acme/{prov}/}, also {@code /2.0/acme/{prov}/})</caption>
 *   <tr><th>Endpoint</th><th>Auth</th><th>Call</th><th>Answer</th></tr>
 *   <tr><td>GET directory</td><td>-</td><td>{@link dev.stile.acme.service.DirectoryMeta#of}</td><td>200, URLs from AcmeLinks + meta</td></tr>
 *   <tr><td>HEAD/GET new-nonce</td><td>-</td><td>{@link dev.stile.acme.nonce.NonceService#issue}</td><td>200/204, Replay-Nonce, Cache-Control: no-store</td></tr>
 *   <tr><td>POST new-account</td><td>JWK</td><td>{@link dev.stile.acme.service.AccountService#newAccount}</td><td>201 (created) / 200, Location account URL</td></tr>
 *   <tr><td>POST account/{id}</td><td>KID</td><td>{@link dev.stile.acme.service.AccountService#update}</td><td>200, Location</td></tr>
 *   <tr><td>POST account/{id}/orders</td><td>KID</td><td>{@link dev.stile.acme.service.AccountService#listOrders}</td><td>200 {"orders":[...]}, Link rel="next" when nextCursor is set</td></tr>
 *   <tr><td>POST key-change</td><td>KID</td><td>{@link dev.stile.acme.service.AccountService#changeKey}</td><td>200; {@link dev.stile.acme.service.KeyConflictException} → 409 + Location</td></tr>
 *   <tr><td>POST new-authz</td><td>KID</td><td>{@link dev.stile.acme.service.AuthorizationService#newAuthz}</td><td>201, Location authz URL</td></tr>
 *   <tr><td>POST new-order</td><td>KID</td><td>{@link dev.stile.acme.service.OrderService#newOrder}</td><td>201, Location order URL</td></tr>
 *   <tr><td>POST order/{id}</td><td>KID</td><td>{@link dev.stile.acme.service.OrderService#order}</td><td>200, Location; Retry-After while processing</td></tr>
 *   <tr><td>POST order/{id}/finalize</td><td>KID</td><td>{@link dev.stile.acme.service.FinalizeService#finalize}</td><td>200 valid order, Location order URL</td></tr>
 *   <tr><td>POST authz/{id}</td><td>KID</td><td>{@link dev.stile.acme.service.AuthorizationService#authorization}</td><td>200</td></tr>
 *   <tr><td>POST challenge/{authzId}/{id}</td><td>KID</td><td>{@link dev.stile.acme.service.ChallengeService#respond}</td><td>200, Link authz rel="up"</td></tr>
 *   <tr><td>POST certificate/{id}</td><td>KID</td><td>{@link dev.stile.acme.service.CertificateService#download}</td><td>200 application/pem-certificate-chain</td></tr>
 *   <tr><td>POST revoke-cert</td><td>KID_OR_JWK</td><td>{@link dev.stile.acme.service.CertificateService#revoke}</td><td>200 empty</td></tr>
 *   <tr><td>GET renewal-info/{certID}</td><td>-</td><td>{@link dev.stile.acme.service.RenewalInfoService#renewalInfo}</td><td>200 suggestedWindow, Retry-After</td></tr>
 * </table>
 *
 * <p>Every JWS response carries {@code Replay-Nonce} (a fresh {@code NonceService.issue()}) and
 * {@code Link: <directory>;rel="index"}; so do problem responses, so clients can retry
 * {@code badNonce}.
 */
package dev.stile.acme.service;
