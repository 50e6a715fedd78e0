package io.netchat.bench.load.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.bench.load.BenchClock;
import io.netchat.bench.load.ConnectionPlan;
import io.netchat.bench.load.DeliveryStats;
import io.netchat.bench.load.ErrorCounts;
import io.netchat.bench.load.SendStamp;
import io.netchat.bench.load.StampedDeliveryHandler;
import io.netchat.bench.load.Tally;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator's IRC client on {@link EmbeddedChannel}: bytes in as a server sends them, lines out. */
class IrcSessionHandlerTest {
  private static final ConnectionPlan PLAN = new ConnectionPlan(3, "b3", "r0", null);

  private final ErrorCounts errors = new ErrorCounts();
  private final Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();
  private final DeliveryStats stats = new DeliveryStats();
  private final BenchClock clock = new BenchClock();
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
    @Override
    protected void initChannel(Channel ch) {
      IrcClientPipeline.install(ch.pipeline(), new StampedDeliveryHandler(stats, clock),
          new IrcSessionHandler(PLAN, handshake, errors, () -> false));
    }
  });

  @AfterEach
  void noBufferLeftBehind() {
    sent();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  private void receive(String bytes) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8));
  }

  private List<String> sent() {
    List<String> lines = new ArrayList<>();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      lines.add(out.toString(StandardCharsets.UTF_8));
      out.release();
    }
    return lines;
  }

  @Test
  void registersEndsCapabilitiesWhenServerTimeIsNotOfferedThenJoinsOnWelcome() {
    assertThat(sent()).containsExactly("CAP LS 302\r\n", "NICK b3\r\n", "USER b3 0 * :netchat-bench\r\n");

    receive(":irc.test CAP * LS :multi-prefix\r\n");
    assertThat(sent()).containsExactly("CAP END\r\n");
    receive(":irc.test 001 b3 :Welcome to the Internet Relay Network b3!~b3@127.0.0.1\r\n"
        + ":irc.test 422 b3 :MOTD File is missing\r\n");
    assertThat(sent()).containsExactly("JOIN #r0\r\n");
    assertThat(handshake.isDone()).isFalse();

    receive(":b3!~b3@127.0.0.1 JOIN :#r0\r\n:irc.test 353 b3 = #r0 :b0 b1 b2 b3\r\n");
    assertThat(handshake.isDone()).isFalse();
    receive(":irc.test 366 b3 #R0 :End of NAMES list\n");
    assertThat(handshake.isSuccess()).isTrue();
    assertThat(errors.total()).isZero();
  }

  @Test
  void asksForServerTimeWhenOfferedOnAnyLineOfAMultiLineList() {
    sent();
    receive(":irc.test CAP * LS * :server-time=1 multi-prefix\r\n");
    assertThat(sent()).isEmpty();
    receive(":irc.test CAP * LS :sasl=PLAIN echo-message\r\n");
    assertThat(sent()).containsExactly("CAP REQ :server-time\r\n");
    receive(":irc.test CAP b3 ACK :server-time\r\n");
    assertThat(sent()).containsExactly("CAP END\r\n");
  }

  @Test
  void aServerWithoutCapIsNoErrorAndRegistrationGoesOn() {
    sent();
    receive(":irc.test 421 * CAP :Unknown command\r\n:irc.test 001 b3 :Welcome\r\n");
    assertThat(sent()).containsExactly("JOIN #r0\r\n");
    assertThat(errors.total()).isZero();
  }

  @Test
  void answersPingsWithTheirToken() {
    sent();
    receive("PING :irc.test\r\n");
    receive("PING token42\r\n");
    assertThat(sent()).containsExactly("PONG :irc.test\r\n", "PONG :token42\r\n");
  }

  @Test
  void anErrorNumericDuringRegistrationFailsTheHandshakeAndIsCounted() {
    receive(":irc.test 433 * b3 :Nickname already in use\r\n");
    assertThat(handshake.isDone()).isTrue();
    assertThat(handshake.cause()).hasMessageContaining("b3: 433");
    assertThat(errors.byKind()).containsEntry("irc:433", 1L);
  }

  @Test
  void anErrorLineFailsTheHandshakeAndIsCounted() {
    receive("ERROR :Closing connection: b3[127.0.0.1] (Too many connections)\r\n");
    assertThat(handshake.cause()).hasMessageContaining("Too many connections");
    assertThat(errors.byKind()).containsEntry("irc:ERROR", 1L);
  }

  @Test
  void timesAStampedPrivmsgWithTagsAndAMarkedUserNameSplitAcrossReads() {
    long intended = 0x1234_5678_9abcL;
    // A window one nanosecond wide: the delivery counts only if exactly this stamp was read.
    stats.window(intended, intended + 1);
    String line = "@time=2026-11-30T10:00:00.000Z :b1!~b1@127.0.0.1 PRIVMSG #r0 :"
        + SendStamp.text(intended, 64) + "\r\n";
    receive(line.substring(0, 40));
    receive(line.substring(40, 75));
    assertThat(stats.tally().delivered()).isZero();
    receive(line.substring(75));

    Tally tally = stats.tally();
    assertThat(tally.delivered()).isEqualTo(1);
    assertThat(tally.outside()).isZero();
    assertThat(tally.latencyMicros().getTotalCount()).isEqualTo(1);
    assertThat(sent()).containsExactly("CAP LS 302\r\n", "NICK b3\r\n", "USER b3 0 * :netchat-bench\r\n");
  }

  @Test
  void aPrivmsgWithoutAStampIsNotTimed() {
    stats.window(0, Long.MAX_VALUE);
    receive(":b1!~b1@127.0.0.1 PRIVMSG #r0 :~not a stamp~ at all\r\n");
    assertThat(stats.tally().delivered()).isZero();
    assertThat(errors.total()).isZero();
  }

  @Test
  void aLineLongerThanAnyIrcLineClosesTheConnectionAsAnError() {
    receive("PING :" + "x".repeat(IrcLine.MAX_BYTES) + "\r\n");
    assertThat(channel.isActive()).isFalse();
    assertThat(errors.byKind()).containsKey("exception:TooLongFrameException");
  }
}
