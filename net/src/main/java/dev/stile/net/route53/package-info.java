/**
 * DNS-01 TXT records read from the Route53 API (AWS SDK, url-connection client): the acme
 * {@code Route53Records} port. May import acme and the AWS SDK.
 */
package dev.stile.net.route53;
