package io.netchat.codec;

/** Which end of a connection a pipeline serves: what it decodes and what it encodes. */
public enum Side {
  /** The server reads {@link ClientMessage}s and writes {@link ServerMessage}s. */
  SERVER(ClientMessage.class, ServerMessage.class),
  /** The client reads {@link ServerMessage}s and writes {@link ClientMessage}s. */
  CLIENT(ServerMessage.class, ClientMessage.class);

  private final Class<?> inbound;
  private final Class<?> outbound;

  Side(Class<?> inbound, Class<?> outbound) {
    this.inbound = inbound;
    this.outbound = outbound;
  }

  /** The type this side decodes. */
  public Class<?> inbound() {
    return inbound;
  }

  /** The type this side encodes. */
  public Class<?> outbound() {
    return outbound;
  }
}
