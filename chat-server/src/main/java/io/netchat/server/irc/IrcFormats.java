package io.netchat.server.irc;

import io.netchat.codec.Framing;
import io.netchat.codec.WireFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The fanout formats of a server with IRC listeners: index {@code i < listeners} is listener
 * {@code i}'s format (an IRC listener's renders broadcasts without tags), and when any listener
 * speaks IRC three more follow, one per other combination of message tags
 * ({@link IrcRender.Tags}), shared by every IRC connection. A broadcast is encoded once per format
 * some member uses: once per IRC tag combination in use, never once per IRC member.
 *
 * @param all every fanout format, by index
 * @param variantsFrom index of the first tagged variant, or -1 when no listener speaks IRC
 */
public record IrcFormats(List<WireFormat> all, int variantsFrom) {

  public IrcFormats {
    all = List.copyOf(all);
  }

  /** The fanout formats for {@code listeners} (one format each, in order); IRC lines name {@code server}. */
  public static IrcFormats of(List<WireFormat> listeners, String server) {
    List<WireFormat> all = new ArrayList<>(listeners.size() + 3);
    int maxFrameLength = 0;
    for (WireFormat format : listeners) {
      if (format.framing() == Framing.IRC) {
        all.add(new WireFormat(Framing.IRC, new IrcCodec(IrcRender.Tags.NONE, server), format.maxFrameLength()));
        maxFrameLength = Math.max(maxFrameLength, format.maxFrameLength());
      } else {
        all.add(format);
      }
    }
    if (maxFrameLength == 0) {
      return new IrcFormats(all, -1);
    }
    int from = all.size();
    for (IrcRender.Tags tags : IrcRender.Tags.ALL.subList(1, IrcRender.Tags.ALL.size())) {
      all.add(new WireFormat(Framing.IRC, new IrcCodec(tags, server), maxFrameLength));
    }
    return new IrcFormats(all, from);
  }

  /** The format index of each tag combination ({@link IrcRender.Tags#index()}) for a connection of listener {@code listener}. */
  public int[] indexes(int listener) {
    if (variantsFrom < 0 || all.get(listener).framing() != Framing.IRC) {
      throw new IllegalArgumentException("listener " + listener + " does not speak IRC");
    }
    return new int[] {listener, variantsFrom, variantsFrom + 1, variantsFrom + 2};
  }
}
