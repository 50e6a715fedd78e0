package io.netchat.server;

import io.netchat.codec.WireFormat;
import io.netchat.server.room.Member;
import io.netchat.server.room.RoomRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A member without a connection, for tests that need thousands of rooms fast: it joins, sets a
 * topic and leaves through the registry, as a session would, and drops whatever it is sent.
 */
public final class RoomMaker implements Member {
  private final EventLoop loop;
  private final WireFormat format;
  private final String host;
  private final RoomWorkInOrder steps = new RoomWorkInOrder();

  public RoomMaker(EventLoop loop, WireFormat format) {
    this(loop, format, "maker");
  }

  /** A member seen as connecting from {@code host}, for rules about the remote address. */
  RoomMaker(EventLoop loop, WireFormat format, String host) {
    this.loop = loop;
    this.format = format;
    this.host = host;
  }

  /** Creates {@code name} with {@code topic}; it stays after the maker leaves (it holds a topic). */
  public void create(RoomRegistry rooms, String name, String topic) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.submit(() -> {
      rooms.join(this, name, null, null);
      rooms.topic(this, name, topic, null);
      rooms.leave(this, name, null);
      submit(loop, () -> done.complete(null));
    }).get(10, TimeUnit.SECONDS);
    done.get(10, TimeUnit.SECONDS);
  }

  /** Joins {@code name}, says each of {@code texts} and leaves: the room stays, empty, holding them. */
  public void fill(RoomRegistry rooms, String name, String... texts) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.submit(() -> {
      rooms.join(this, name, null, null);
      for (String text : texts) {
        rooms.say(this, name, text, null, null, false);
      }
      rooms.leave(this, name, null);
      submit(loop, () -> done.complete(null));
    }).get(10, TimeUnit.SECONDS);
    done.get(10, TimeUnit.SECONDS);
  }

  @Override
  public String nick() {
    return "maker";
  }

  @Override
  public WireFormat format() {
    return format;
  }

  @Override
  public String remoteHost() {
    return host;
  }

  @Override
  public void send(Object message) {
    ReferenceCountUtil.release(message);
  }

  @Override
  public void submit(EventLoop roomLoop, Runnable work) {
    steps.submit(roomLoop, work);
  }

  @Override
  public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {
    steps.submitAsync(roomLoop, work); // each step waits for the previous one's answer: commands keep their order
  }

  @Override
  public void joinAnswered(String roomKey, boolean joined) {}

  @Override
  public io.netchat.server.room.TxnLedger.Claim claim(String txn) {
    return null; // the maker never retries
  }

  @Override
  public boolean wantsEvents() {
    return false;
  }

  @Override
  public void leftRoom(String roomKey) {}

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public int formatIndex() {
    return 0;
  }

  @Override
  public void deliver(io.netty.buffer.ByteBuf frame) {
    frame.release();
  }
}
