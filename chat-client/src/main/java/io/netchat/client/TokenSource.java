package io.netchat.client;

import io.netchat.codec.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a {@link ChatClient} gets the token it logs in with (docs/PROTOCOL.md §16): a JWT the
 * application signed for this user. It is asked at every connect and reconnect, and again before
 * the current token's {@code exp} (a {@code refresh}), so that the application can hand out a new
 * one each time. It runs off the client's event loop and may block (read a file, ask the
 * application's HTTP endpoint); a failure fails the connect, or leaves the session to expire.
 */
@FunctionalInterface
public interface TokenSource {

  /** A token valid now, in JWS compact form. */
  String token() throws Exception;

  /** Always {@code token}: for a token that outlives the session, or tests. */
  static TokenSource of(String token) {
    Validation.checkJwt("token", token);
    return () -> token;
  }

  /**
   * The content of {@code file}, read again each time (blanks around it dropped): an application
   * that rewrites the file before the old token expires renews the session.
   */
  static TokenSource file(Path file) {
    return () -> Validation.checkJwt("token", Files.readString(file, StandardCharsets.US_ASCII).strip());
  }
}
