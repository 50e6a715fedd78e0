package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.Capability;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Member} that says nothing more is: a v1 guest. Its answers stay exactly v1 (no
 * {@code re}), it takes no capability, gets its own messages back and quit without a reason.
 */
class MemberTest {

  @Test
  void aMemberThatOverridesNothingIsAV1GuestThatEchoes() {
    Member plain = new Plain();

    assertThat(plain.account()).isNull();
    assertThat(plain.negotiated()).isFalse();
    assertThat(plain.re("7")).isNull();
    assertThat(plain.takes(Capability.EVENTS)).isFalse();
    assertThat(plain.echoes()).isTrue();
    assertThat(plain.quitReason()).isNull();
  }

  /** Only what every member must say. */
  private static final class Plain implements Member {
    @Override
    public String nick() {
      return "plain";
    }

    @Override
    public WireFormat format() {
      return null;
    }

    @Override
    public String remoteHost() {
      return "192.0.2.1";
    }

    @Override
    public void send(Object message) {}

    @Override
    public void submit(EventLoop roomLoop, Runnable work) {}

    @Override
    public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {}

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
      return false;
    }

    @Override
    public EventLoop loop() {
      return null;
    }

    @Override
    public int formatIndex() {
      return 0;
    }

    @Override
    public void deliver(ByteBuf frame) {
      frame.release();
    }
  }
}
