package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both framings under an {@link InboundPolicy}: the small frame limit before hello, the shared
 * budget for bytes of incomplete frames, and the deadline for completing a frame (on the embedded
 * loop's virtual clock).
 */
class BoundedFrameDecoderTest {
  private static final int MAX = 1000;
  private static final int PRE_HELLO = 32;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<Object> events = new ArrayList<>();

  @AfterEach
  void noChannelLeftAnythingBehind() {
    for (EmbeddedChannel channel : channels) {
      for (Object message : Wire.drainInbound(channel)) {
        if (message instanceof ByteBuf buf) {
          buf.release();
        }
      }
      assertFalse(channel.finish());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void beforeHelloAFrameOverTheSmallLimitIsFatalTooLarge(Framing framing) {
    EmbeddedChannel channel = channel(framing, policy(new ByteBudget(1 << 20)));
    Wire.feed(channel, frame(framing, PRE_HELLO));
    assertThat(payloadLengths(channel)).containsExactly(PRE_HELLO);

    Wire.feed(channel, frame(framing, PRE_HELLO + 1));
    assertFatal(channel, ErrorCode.TOO_LARGE, "exceeds the limit of 32 before hello");
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void onceHelloIsAcceptedTheListenersLimitApplies(Framing framing) {
    EmbeddedChannel channel = channel(framing, policy(new ByteBudget(1 << 20)));
    channel.pipeline().fireUserEventTriggered(HelloAcceptedEvent.INSTANCE);

    Wire.feed(channel, frame(framing, MAX));
    assertThat(payloadLengths(channel)).containsExactly(MAX);
    Wire.feed(channel, frame(framing, MAX + 1));
    assertFatal(channel, ErrorCode.TOO_LARGE, "exceeds the limit of " + MAX);
    assertThat(events).containsExactly(HelloAcceptedEvent.INSTANCE);
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void aPartialFrameIsChargedWhileHeldAndReleasedWhenItCompletes(Framing framing) {
    ByteBudget budget = new ByteBudget(100);
    EmbeddedChannel channel = loggedIn(framing, policy(budget));
    byte[] frame = frame(framing, 80);

    Wire.feed(channel, Arrays.copyOf(frame, 60));
    assertThat(budget.used()).isEqualTo(60);
    Wire.feed(channel, Arrays.copyOfRange(frame, 60, 70));
    assertThat(budget.used()).isEqualTo(70);
    // The rest of the frame and the first 5 bytes of the next: only those 5 stay charged.
    Wire.feed(channel, Wire.concat(Arrays.copyOfRange(frame, 70, frame.length), Arrays.copyOf(frame, 5)));
    assertThat(payloadLengths(channel)).containsExactly(80);
    assertThat(budget.used()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void theConnectionWhoseFrameWouldPassTheBudgetIsRefusedAndNoOtherOne(Framing framing) {
    ByteBudget budget = new ByteBudget(100);
    EmbeddedChannel holder = loggedIn(framing, policy(budget));
    EmbeddedChannel newcomer = loggedIn(framing, policy(budget));
    byte[] frame = frame(framing, 80);

    Wire.feed(holder, Arrays.copyOf(frame, 60));
    Wire.feed(newcomer, Arrays.copyOf(frame, 50));

    assertFatal(newcomer, ErrorCode.LIMIT_REACHED, "too many incomplete frames (budget of 100 bytes)");
    assertThat(budget.used()).isEqualTo(60);
    Wire.feed(holder, Arrays.copyOfRange(frame, 60, frame.length));
    assertThat(payloadLengths(holder)).containsExactly(80);
    assertThat(budget.used()).isZero();
    EmbeddedChannel later = loggedIn(framing, policy(budget));
    Wire.feed(later, Arrays.copyOf(frame, 60));
    assertThat(budget.used()).isEqualTo(60);
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void framesThatArriveWholeAreNeverCharged(Framing framing) {
    ByteBudget budget = new ByteBudget(10);
    EmbeddedChannel channel = loggedIn(framing, policy(budget));
    byte[] five = Wire.concat(frame(framing, 50), frame(framing, 50), frame(framing, 50), frame(framing, 50),
        frame(framing, 50));

    Wire.feed(channel, five);

    assertThat(payloadLengths(channel)).containsExactly(50, 50, 50, 50, 50);
    assertThat(budget.used()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void closingOrRemovingTheDecoderReleasesItsCharge(Framing framing) {
    ByteBudget budget = new ByteBudget(1000);
    EmbeddedChannel closed = loggedIn(framing, policy(budget));
    EmbeddedChannel removed = loggedIn(framing, policy(budget));
    Wire.feed(closed, Arrays.copyOf(frame(framing, 80), 40));
    Wire.feed(removed, Arrays.copyOf(frame(framing, 80), 30));
    assertThat(budget.used()).isEqualTo(70);

    closed.close();
    assertThat(budget.used()).isEqualTo(30);
    removed.pipeline().remove(HandlerNames.FRAME_DECODER);
    assertThat(budget.used()).isZero();
    for (Object leftOver : Wire.drainInbound(removed)) { // a removed decoder hands on its partial bytes
      ((ByteBuf) leftOver).release();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void aFrameTrickledInByteByByteMissesItsDeadlineThoughBytesKeepComing(Framing framing) {
    ByteBudget budget = new ByteBudget(1000);
    EmbeddedChannel channel = loggedIn(framing, policy(budget));
    byte[] frame = frame(framing, 500);

    int sent = 0;
    while (events.size() < 2 && sent < 100) { // one byte every 2 s, as in the slowloris finding
      Wire.feed(channel, new byte[] {frame[sent++]});
      channel.advanceTimeBy(2, TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }

    assertThat(sent).isEqualTo(5); // bytes at 0, 2, 4, 6, 8 s; the deadline at 10 s
    assertThat(events).element(1).isEqualTo(new FrameTimeoutEvent(5, TIMEOUT));
    assertThat(budget.used()).isZero();
    Wire.feed(channel, Arrays.copyOfRange(frame, sent, frame.length)); // discarded unread
    Wire.feed(channel, frame(framing, 1));
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertThat(budget.used()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void eachFrameHasItsOwnDeadline(Framing framing) {
    EmbeddedChannel channel = loggedIn(framing, policy(new ByteBudget(1000)));
    byte[] frame = frame(framing, 100);

    for (int i = 0; i < 5; i++) { // 5 frames, 8 s each: 40 s in all, each inside its 10 s
      Wire.feed(channel, Arrays.copyOf(frame, 50));
      channel.advanceTimeBy(8, TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
      Wire.feed(channel, Arrays.copyOfRange(frame, 50, frame.length));
    }
    channel.advanceTimeBy(1, TimeUnit.HOURS); // no frame pending: nothing to time out
    channel.runScheduledPendingTasks();

    assertThat(payloadLengths(channel)).containsExactly(100, 100, 100, 100, 100);
    assertThat(events).containsExactly(HelloAcceptedEvent.INSTANCE);
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"LENGTH", "LINE"}) // irc: IrcLineDecoderTest
  void withoutAPolicyThereIsNoDeadlineNorPreHelloLimit(Framing framing) {
    EmbeddedChannel channel = channel(framing, InboundPolicy.UNBOUNDED);
    Wire.feed(channel, frame(framing, MAX));
    Wire.feed(channel, Arrays.copyOf(frame(framing, 10), 5));
    channel.advanceTimeBy(1, TimeUnit.DAYS);
    channel.runScheduledPendingTasks();

    assertThat(payloadLengths(channel)).containsExactly(MAX);
    assertThat(events).isEmpty();
  }

  private static InboundPolicy policy(ByteBudget budget) {
    return new InboundPolicy(budget, PRE_HELLO, TIMEOUT);
  }

  private EmbeddedChannel channel(Framing framing, InboundPolicy policy) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(HandlerNames.FRAME_DECODER, framing.newDecoder(MAX, policy));
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
      }
    });
    channels.add(channel);
    return channel;
  }

  private EmbeddedChannel loggedIn(Framing framing, InboundPolicy policy) {
    EmbeddedChannel channel = channel(framing, policy);
    channel.pipeline().fireUserEventTriggered(HelloAcceptedEvent.INSTANCE);
    return channel;
  }

  private static byte[] frame(Framing framing, int payloadLength) {
    byte[] payload = new byte[payloadLength];
    Arrays.fill(payload, (byte) 'x');
    return Wire.frame(Wire.format(framing.wireName(), "json"), payload);
  }

  private static List<Integer> payloadLengths(EmbeddedChannel channel) {
    return Wire.drainInbound(channel).stream().map(message -> {
      ByteBuf payload = (ByteBuf) message;
      try {
        return payload.readableBytes();
      } finally {
        payload.release();
      }
    }).toList();
  }

  private static void assertFatal(EmbeddedChannel channel, ErrorCode code, String message) {
    assertThat(Wire.drainInbound(channel)).singleElement().isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isTrue();
      assertThat(failure.error().code()).isEqualTo(code);
      assertThat(failure.error().getMessage()).contains(message);
    });
  }
}
