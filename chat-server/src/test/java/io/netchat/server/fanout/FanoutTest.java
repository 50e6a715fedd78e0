package io.netchat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.Session;
import io.netchat.server.TestSessions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Encode once, hand off once per loop, and the reference counts of the frames on every path. */
class FanoutTest {
  private static final CodecRegistry CODECS = CodecRegistry.load();
  private static final WireFormat JSON = WireFormat.of("length", "json", 65536, CODECS);
  private static final WireFormat CBOR = WireFormat.of("length", "cbor", 65536, CODECS);
  private static final ServerMessage MESSAGE = new ServerMessage.Presence("r", "ann", "join");

  private final TrackingAllocator allocator = new TrackingAllocator();
  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
  private final EventLoop roomLoop = loops.next();
  private final EventLoop memberLoop = loops.next();

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void eachFormatIsEncodedOnceAndEveryRecipientGetsTheSameBytes() throws Exception {
    Fanout fanout = new Fanout(List.of(JSON, CBOR), allocator);
    Recorder here = new Recorder(roomLoop, 0);
    Recorder thereJson = new Recorder(memberLoop, 0);
    Recorder thereCbor = new Recorder(memberLoop, 1);
    Recorder sender = new Recorder(memberLoop, 1);
    for (Recorder r : List.of(here, thereJson, thereCbor, sender)) {
      fanout.add(r);
    }
    roomLoop.submit(() -> fanout.broadcast(MESSAGE, sender)).sync();
    memberLoop.submit(() -> { }).sync();

    assertThat(allocator.allocations()).as("one encode per format in use").isEqualTo(2);
    assertThat(here.bytes()).isEqualTo(thereJson.bytes()).isEqualTo(bytes(JSON));
    assertThat(thereCbor.bytes()).isEqualTo(bytes(CBOR));
    assertThat(sender.frames).as("the excepted recipient").isEmpty();
    releaseAll(here, thereJson, thereCbor);
    allocator.assertAllReleased();
  }

  @Test
  void manyJoinsBetweenTwoBroadcastsAreRegroupedOnceAndALeaverGetsNothing() throws Exception {
    Fanout fanout = new Fanout(List.of(JSON), allocator);
    AtomicInteger loopReads = new AtomicInteger();
    List<Recorder> joined = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Recorder member = new Recorder(i % 2 == 0 ? roomLoop : memberLoop, 0) {
        @Override
        public EventLoop loop() {
          loopReads.incrementAndGet();
          return super.loop();
        }
      };
      joined.add(member);
      fanout.add(member);
    }
    Recorder leaver = joined.remove(999);
    fanout.remove(leaver);
    assertThat(loopReads).as("no regrouping per join").hasValue(0);

    roomLoop.submit(() -> fanout.broadcast(MESSAGE, null)).sync();
    memberLoop.submit(() -> { }).sync();
    roomLoop.submit(() -> fanout.broadcast(MESSAGE, null)).sync();
    memberLoop.submit(() -> { }).sync();

    assertThat(loopReads).as("one regrouping for the first broadcast, none for the second").hasValue(999);
    assertThat(fanout.size()).isEqualTo(999);
    assertThat(joined).allSatisfy(member -> assertThat(member.frames).hasSize(2));
    assertThat(leaver.frames).isEmpty();
    releaseAll(joined.toArray(Recorder[]::new));
    allocator.assertAllReleased();
  }

  @Test
  void aRecipientLoopThatHasShutDownGetsNothingAndLeaksNothing() throws Exception {
    Fanout fanout = new Fanout(List.of(JSON), allocator);
    DefaultEventLoopGroup gone = new DefaultEventLoopGroup(1);
    gone.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    Recorder here = new Recorder(roomLoop, 0);
    Recorder lost = new Recorder(gone.next(), 0);
    fanout.add(here);
    fanout.add(lost);
    roomLoop.submit(() -> fanout.broadcast(MESSAGE, null)).sync();

    assertThat(here.frames).hasSize(1);
    assertThat(lost.frames).isEmpty();
    releaseAll(here);
    allocator.assertAllReleased();
  }

  @Test
  void anEncoderFailureSendsNothingAndReleasesWhatWasAlreadyEncoded() throws Exception {
    WireFormat failing = WireFormat.of("length", "cbor", 1, CODECS); // every message is too large
    Fanout fanout = new Fanout(List.of(JSON, failing), allocator);
    Recorder json = new Recorder(roomLoop, 0);
    Recorder broken = new Recorder(memberLoop, 1);
    fanout.add(json);
    fanout.add(broken);
    var outcome = roomLoop.submit(() -> fanout.broadcast(MESSAGE, null)).await();

    assertThat(outcome.cause()).isInstanceOf(EncoderException.class);
    assertThat(json.frames).isEmpty();
    memberLoop.submit(() -> { }).sync();
    assertThat(broken.frames).isEmpty();
    allocator.assertAllReleased();
  }

  @Test
  void aClosedConnectionReleasesItsFrameAndTheOthersStillGetTheirs() {
    EmbeddedChannel open = new EmbeddedChannel();
    EmbeddedChannel closed = new EmbeddedChannel();
    Fanout fanout = new Fanout(List.of(JSON), allocator);
    fanout.add(TestSessions.on(open, 0, JSON, 1 << 20));
    fanout.add(TestSessions.on(closed, 0, JSON, 1 << 20));
    closed.close();

    fanout.broadcast(MESSAGE, null);

    assertWritten(open, 1);
    assertThat((Object) closed.readOutbound()).isNull();
    open.finishAndReleaseAll();
    allocator.assertAllReleased();
  }

  @Test
  void aSlowConsumerClosedMidBroadcastReleasesWhatWasQueuedForIt() {
    EmbeddedChannel fast = new EmbeddedChannel();
    EmbeddedChannel slow = new EmbeddedChannel();
    Fanout fanout = new Fanout(List.of(JSON), allocator);
    Session slowSession = TestSessions.on(slow, 0, JSON, 10); // less than one frame: closed by the first
    fanout.add(slowSession);
    fanout.add(TestSessions.on(fast, 0, JSON, 1 << 20));

    fanout.broadcast(MESSAGE, null);
    assertThat(slow.isActive()).as("closed as a slow consumer").isFalse();
    fanout.broadcast(MESSAGE, null); // written to a session that is closing

    assertWritten(fast, 2);
    fast.finishAndReleaseAll();
    assertThat(slow.releaseOutbound()).as("nothing left queued for the slow consumer").isFalse();
    allocator.assertAllReleased();
  }

  @Test
  void theShutdownDrainLetsHandedOffDeliveriesAndTheirFlushesRunBeforeTheLoopsStop() {
    Fanout fanout = new Fanout(List.of(JSON), allocator);
    List<ByteBuf> flushed = new CopyOnWriteArrayList<>();
    Recipient flushing = new Recipient() {
      @Override
      public EventLoop loop() {
        return memberLoop;
      }

      @Override
      public int formatIndex() {
        return 0;
      }

      @Override
      public void deliver(ByteBuf frame) {
        memberLoop.execute(() -> flushed.add(frame)); // a flush queued behind the delivery
      }
    };
    fanout.add(flushing);
    roomLoop.execute(() -> fanout.broadcast(MESSAGE, null));

    LoopDrain.drain(loops, 1000);

    assertThat(flushed).hasSize(1);
    flushed.forEach(ByteBuf::release);
    allocator.assertAllReleased();
  }

  /** {@code channel} was written {@code count} JSON frames of the message; releases them. */
  private void assertWritten(EmbeddedChannel channel, int count) {
    channel.runPendingTasks();
    for (int i = 0; i < count; i++) {
      ByteBuf written = channel.readOutbound();
      try {
        assertThat(ByteBufUtil.getBytes(written)).isEqualTo(bytes(JSON));
      } finally {
        written.release();
      }
    }
  }

  private byte[] bytes(WireFormat format) {
    ByteBuf frame = format.encode(MESSAGE, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
    try {
      return ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
  }

  private static void releaseAll(Recorder... recorders) {
    for (Recorder recorder : recorders) {
      recorder.frames.forEach(ReferenceCountUtil::release);
    }
  }

  /** A recipient that keeps what it is given, and checks it is given it on its own loop. */
  private static class Recorder implements Recipient {
    private final EventLoop loop;
    private final int formatIndex;
    final List<ByteBuf> frames = new CopyOnWriteArrayList<>();

    Recorder(EventLoop loop, int formatIndex) {
      this.loop = loop;
      this.formatIndex = formatIndex;
    }

    @Override
    public EventLoop loop() {
      return loop;
    }

    @Override
    public int formatIndex() {
      return formatIndex;
    }

    @Override
    public void deliver(ByteBuf frame) {
      assertThat(loop.inEventLoop()).as("delivered on the recipient's loop").isTrue();
      frames.add(frame);
    }

    byte[] bytes() {
      assertThat(frames).hasSize(1);
      return ByteBufUtil.getBytes(frames.get(0));
    }
  }
}
