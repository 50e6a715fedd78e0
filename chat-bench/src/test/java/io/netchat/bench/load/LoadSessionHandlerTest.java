package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LoadSessionHandlerTest {
  private static final ConnectionPlan PLAN = new ConnectionPlan(3, "b3", "r0", null);

  private final ErrorCounts errors = new ErrorCounts();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();

  private EmbeddedChannel channel(Protocol protocol) {
    return new EmbeddedChannel(new LoadSessionHandler(PLAN, protocol, handshake, errors, closing::get));
  }

  @Test
  void netchatHandshakeIsHelloThenJoinAndEndsOnJoined() {
    EmbeddedChannel channel = channel(Protocol.NETCHAT);
    assertThat((Object) channel.readOutbound()).isEqualTo(new ClientMessage.Hello(null, "b3"));
    assertThat((Object) channel.readOutbound()).isEqualTo(new ClientMessage.Join(null, "r0", null));

    channel.writeInbound(new ServerMessage.Welcome("b3", "netchat", new Limits(65536, 4096, 50, 500, 20, 40)));
    assertThat(handshake.isDone()).isFalse();
    channel.writeInbound(new ServerMessage.Joined("r0", "", List.of("b3"), 0));
    assertThat(handshake.isSuccess()).isTrue();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void answersServerPingsWithPong() {
    EmbeddedChannel channel = channel(Protocol.NETCHAT);
    channel.outboundMessages().clear();
    channel.writeInbound(new ServerMessage.Ping("p1"));
    assertThat((Object) channel.readOutbound()).isEqualTo(new ClientMessage.Pong("p1"));
    channel.finish();
  }

  @Test
  void anErrorDuringTheHandshakeFailsItAndIsCounted() {
    EmbeddedChannel channel = channel(Protocol.NETCHAT);
    channel.writeInbound(new ServerMessage.Error(null, ErrorCode.NICK_TAKEN, "taken"));
    assertThat(handshake.isDone()).isTrue();
    assertThat(handshake.isSuccess()).isFalse();
    assertThat(errors.byKind()).containsEntry("nick_taken", 1L);
    channel.finishAndReleaseAll();
  }

  @Test
  void anUnexpectedCloseCountsAsADisconnectButNotWhileClosing() {
    EmbeddedChannel first = channel(Protocol.NETCHAT);
    first.writeInbound(new ServerMessage.Joined("r0", "", List.of("b3"), 0));
    first.close();
    assertThat(errors.byKind()).containsEntry("disconnect", 1L);

    closing.set(true);
    Promise<Void> second = ImmediateEventExecutor.INSTANCE.newPromise();
    EmbeddedChannel other = new EmbeddedChannel(new LoadSessionHandler(PLAN, Protocol.NETCHAT, second, errors, closing::get));
    second.trySuccess(null);
    other.close();
    assertThat(errors.total()).isEqualTo(1);
    first.finishAndReleaseAll();
    other.finishAndReleaseAll();
  }

  @Test
  void baselineHandshakeIsTheJoinFrameAndEndsOnItsEcho() {
    EmbeddedChannel channel = channel(Protocol.BASELINE);
    assertThat((Object) channel.readOutbound()).isEqualTo(new ClientMessage.Join(null, "r0", null));
    assertThat((Object) channel.readOutbound()).isNull();
    ByteBuf echo = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    channel.writeInbound(echo);
    assertThat(handshake.isSuccess()).isTrue();
    assertThat(echo.refCnt()).isZero();
    assertThat(channel.finish()).isFalse();
  }
}
