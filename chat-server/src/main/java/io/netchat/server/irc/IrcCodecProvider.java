package io.netchat.server.irc;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ChatCodecProvider;

/** Registers the {@code irc} codec, so that a listener may name it ({@code codec: irc}, with {@code framing: irc}). */
public final class IrcCodecProvider implements ChatCodecProvider {
  @Override
  public ChatCodec create() {
    return new IrcCodec();
  }
}
