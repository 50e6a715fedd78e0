package io.netchat.server.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/** One connection a {@link Fanout} delivers to. */
public interface Recipient {

  /** The event loop that owns the connection; {@link #deliver} is called there. */
  EventLoop loop();

  /** Which of the fanout's wire formats this connection speaks. */
  int formatIndex();

  /**
   * Writes one framed broadcast, without flushing; called on {@link #loop()}. Takes ownership of
   * {@code frame}: releases it if the connection is gone or going.
   */
  void deliver(ByteBuf frame);
}
