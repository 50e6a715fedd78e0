/**
 * Logins with tokens the application signs (docs/PROTOCOL.md §16): the {@code auth.token} settings,
 * the keys read from them, the verification of a JWT and the deadline its {@code exp} sets.
 */
package io.netchat.server.auth;
