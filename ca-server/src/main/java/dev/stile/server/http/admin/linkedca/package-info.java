/**
 * step-ca's linkedca wire format (provisioners, claims, policies as protobuf JSON) translated to and
 * from ca.json. Imports Jackson and provisioners only; no HTTP library.
 */
package dev.stile.server.http.admin.linkedca;
