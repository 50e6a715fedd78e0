/**
 * How users prove who they are: password accounts (docs/PROTOCOL.md §15: hashing off the event
 * loops, the login throttle, the account rules) and tokens the application signs (§16: the
 * {@code auth.token} settings, the keys read from them, the verification of a JWT and the deadline
 * its {@code exp} sets). A token's {@code sub} and a password account of the same name are one
 * account: either credential logs in to it.
 */
package io.netchat.server.auth;
