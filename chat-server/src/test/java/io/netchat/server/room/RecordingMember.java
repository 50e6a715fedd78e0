package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.RoomWorkInOrder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A member without a connection that keeps what rooms tell it: the messages it is sent and
 * broadcast (frames decoded with the format they were encoded in, length framing), the codec
 * each frame was in, and every join answered. Its room work keeps the order of its calls, on the
 * loops the registry picks: for tests of the registry over a real loop, with formats that change.
 * A room test on one embedded loop uses {@link Attendee}.
 */
final class RecordingMember implements Member {
  final List<ServerMessage> received = new CopyOnWriteArrayList<>();
  final List<String> frameCodecs = new CopyOnWriteArrayList<>();
  final List<String> joinsAnswered = new CopyOnWriteArrayList<>();
  private final String nick;
  private final EventLoop loop;
  private final List<WireFormat> formats;
  private volatile int formatIndex;
  private final RoomWorkInOrder steps = new RoomWorkInOrder();

  RecordingMember(String nick, EventLoop loop, List<WireFormat> formats) {
    this.nick = nick;
    this.loop = loop;
    this.formats = formats;
  }

  /** From now on the member takes broadcasts in {@code formats.get(index)}. */
  void switchFormat(int index) {
    formatIndex = index;
  }

  @Override
  public String nick() {
    return nick;
  }

  @Override
  public WireFormat format() {
    return formats.get(formatIndex);
  }

  @Override
  public int formatIndex() {
    return formatIndex;
  }

  @Override
  public String remoteHost() {
    return "127.0.0.1";
  }

  @Override
  public void send(Object message) {
    if (message instanceof ByteBuf frame) {
      received.add(decode(frame));
    } else {
      received.add((ServerMessage) message);
    }
  }

  @Override
  public void deliver(ByteBuf frame) {
    received.add(decode(frame));
  }

  private ServerMessage decode(ByteBuf frame) {
    try {
      ByteBuf payload = frame.slice(frame.readerIndex() + 4, frame.readableBytes() - 4); // length framing
      for (WireFormat format : formats) {
        if (format.codec().binary() == (payload.getByte(payload.readerIndex()) != '{')) {
          frameCodecs.add(format.codec().name());
          return format.codec().decode(payload, ServerMessage.class);
        }
      }
      throw new AssertionError("a frame in none of " + formats);
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  @Override
  public void submit(EventLoop roomLoop, Runnable work) {
    steps.submit(roomLoop, work);
  }

  @Override
  public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {
    steps.submitAsync(roomLoop, work);
  }

  /** Completes once the room work of every earlier call has run. */
  CompletableFuture<Void> settled() {
    return steps.settled();
  }

  @Override
  public void joinAnswered(String roomKey, boolean joined) {
    joinsAnswered.add(roomKey + (joined ? " joined" : " refused"));
  }

  @Override
  public TxnLedger.Claim claim(String txn) {
    return null;
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
  public String toString() {
    return nick;
  }
}
