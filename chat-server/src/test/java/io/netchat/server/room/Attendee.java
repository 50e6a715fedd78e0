package io.netchat.server.room;

import io.netchat.codec.Capability;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A session of a room test without a connection: a 1.1 session taking {@code events}, or a v1
 * one. Whatever a room sends or broadcasts to it goes through a client-side decoder on an
 * {@link EmbeddedChannel}, so {@link #received} is what its client would read; its commands run
 * at once (the test runs on the room's embedded loop).
 */
final class Attendee implements Member {
  private final String nick;
  private final String account;
  private final boolean events;
  private final WireFormat format;
  private final EmbeddedChannel client = new EmbeddedChannel();

  Attendee(String nick, String account, boolean events, WireFormat format) {
    this.nick = nick;
    this.account = account;
    this.events = events;
    this.format = format;
    format.install(client.pipeline(), Side.CLIENT);
  }

  /** What the room sent or broadcast to this session since the last call, decoded. */
  List<Object> received() {
    List<Object> messages = new ArrayList<>();
    Object in;
    while ((in = client.readInbound()) != null) {
      messages.add(in);
    }
    return messages;
  }

  /** Closes the client side; false when a frame was left undecoded. */
  boolean finish() {
    return client.finishAndReleaseAll();
  }

  @Override
  public String nick() {
    return nick;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public WireFormat format() {
    return format;
  }

  @Override
  public String remoteHost() {
    return "192.0.2.1";
  }

  @Override
  public void send(Object message) {
    client.writeInbound(message instanceof ByteBuf frame ? frame : format.encode(message, ByteBufAllocator.DEFAULT));
  }

  @Override
  public void deliver(ByteBuf frame) {
    client.writeInbound(frame);
  }

  @Override
  public void submit(EventLoop roomLoop, Runnable work) {
    work.run();
  }

  @Override
  public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {
    work.get();
  }

  @Override
  public void joinAnswered(String roomKey, boolean joined) {}

  @Override
  public void leftRoom(String roomKey) {}

  @Override
  public TxnLedger.Claim claim(String txn) {
    return null;
  }

  @Override
  public boolean wantsEvents() {
    return events;
  }

  @Override
  public boolean takes(Capability capability) {
    return events && capability == Capability.EVENTS;
  }

  @Override
  public boolean negotiated() {
    return events;
  }

  @Override
  public String re(String id) {
    return events ? id : null;
  }

  @Override
  public EventLoop loop() {
    return client.eventLoop();
  }

  @Override
  public int formatIndex() {
    return 0;
  }

  @Override
  public String toString() {
    return nick;
  }
}
