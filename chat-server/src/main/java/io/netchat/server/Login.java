package io.netchat.server;

import io.netchat.codec.Capability;
import io.netchat.codec.ClientMessage;
import java.util.Set;

/**
 * What a {@code hello} negotiates: whether it spoke contract 1.1, the capabilities it is granted and
 * the session's resume secret. From the hello on, the session's answers take the form the hello
 * asked for ({@link #announce}); the capabilities and the secret are the session's only once it
 * is logged in ({@link #grant}).
 */
record Login(boolean negotiated, Set<Capability> caps, String secret) {

  static Login of(ClientMessage.Hello hello, ServerContext context) {
    boolean negotiated = hello.negotiates();
    return new Login(negotiated, negotiated ? Capability.known(hello.caps()) : Set.of(),
        negotiated ? context.secrets().newSecret() : null);
  }

  /** Answers to the session take the hello's form (1.1 or v1); nothing is granted yet. */
  void announce(Session session) {
    session.negotiate(negotiated, Set.of(), null);
  }

  /** The session is logged in: it gets the capabilities and the secret. */
  void grant(Session session) {
    session.negotiate(negotiated, caps, secret);
  }

  @Override
  public String toString() {
    return "Login[negotiated=" + negotiated + ", caps=" + caps + "]"; // never the secret
  }
}
