package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;

/**
 * The {@code irc} codec of a listener: writes {@link IrcMessage}s, and renders the room events
 * every member sees alike ({@link IrcRender#broadcast}) with one combination of message tags, so
 * that a broadcast is encoded once per combination in use. Decoding is the IRC pipeline's
 * ({@link io.netchat.codec.IrcMessageDecoder} and the listener's translator), not a codec's.
 * Immutable and thread-safe.
 */
public final class IrcCodec extends IrcLinesCodec {
  private final IrcRender.Tags tags;
  private final String server;

  public IrcCodec(IrcRender.Tags tags, String server) {
    this.tags = tags;
    this.server = server;
  }

  /** The codec without tags, named by configuration. */
  public IrcCodec() {
    this(IrcRender.Tags.NONE, "netchat");
  }

  @Override
  void render(ServerMessage event, ByteBuf out) {
    for (IrcMessage line : IrcRender.broadcast(event, tags, server)) {
      line.write(out);
    }
  }
}
