package io.netchat.bench.load;

import io.netty.channel.Channel;

/**
 * A publishing connection: where it says, and to how many members (itself included) each message
 * is due. Its {@code dirty} flag belongs to the event loop of its channel.
 */
public final class Publisher {
  private final Channel channel;
  private final String room;
  private final int recipients;
  boolean dirty;

  public Publisher(Channel channel, String room, int recipients) {
    this.channel = channel;
    this.room = room;
    this.recipients = recipients;
  }

  public Channel channel() {
    return channel;
  }

  public String room() {
    return room;
  }

  public int recipients() {
    return recipients;
  }
}
