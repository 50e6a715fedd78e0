/** Accounts: password hashing off the event loops, the login throttle, and the account rules of §15. */
package io.netchat.server.auth;
