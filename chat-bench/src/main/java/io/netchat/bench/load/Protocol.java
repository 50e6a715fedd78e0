package io.netchat.bench.load;

/** What the generator talks to, which decides its handshake. */
public enum Protocol {
  /**
   * A netchat server: {@code hello} then {@code join} (pipelined), done on {@code joined}.
   */
  NETCHAT,
  /**
   * The baseline fan-out server: the {@code join} frame's bytes name the connection's group and
   * the server echoes that frame; done on the echo.
   */
  BASELINE
}
