package io.netchat.server;

import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.server.fanout.FlushBatcher;
import io.netty.channel.embedded.EmbeddedChannel;

/** Real sessions on EmbeddedChannels, for tests outside this package. */
public final class TestSessions {
  private TestSessions() {}

  /** A session of listener {@code formatIndex} on {@code channel}, with the server's pipeline codec. */
  public static Session on(EmbeddedChannel channel, int formatIndex, WireFormat format, long maxOutboundBytes) {
    format.install(channel.pipeline(), Side.SERVER);
    return new Session("t" + channel.id().asShortText(), channel, formatIndex, format, new FlushBatcher(channel.eventLoop()), maxOutboundBytes);
  }
}
