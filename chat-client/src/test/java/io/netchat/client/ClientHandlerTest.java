package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client pipeline's last handler on an {@link EmbeddedChannel}, with the real wire format. */
class ClientHandlerTest {
  private final List<ServerMessage> messages = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  ClientHandlerTest() {
    WireFormat.of("length", "json", 1024, CodecRegistry.load()).install(channel.pipeline(), Side.CLIENT);
    channel.pipeline().addLast(new ClientHandler(new ClientHandler.Callbacks() {
      @Override
      public void onMessage(Channel from, ServerMessage message) {
        messages.add(message);
      }

      @Override
      public void onInactive(Channel closed) {
        calls.add("inactive");
      }

      @Override
      public void onIdle(Channel idle, boolean first) {
        calls.add("idle first=" + first);
      }
    }));
  }

  @AfterEach
  void finish() {
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  private static ByteBuf frame(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return Unpooled.buffer().writeInt(payload.length).writeBytes(payload);
  }

  @Test
  void decodedEventsReachTheClientOneByteAtATime() {
    ByteBuf bytes = frame("{\"type\":\"message\",\"room\":\"lobby\",\"seq\":7,\"from\":\"bob\",\"text\":\"hi\","
        + "\"ts\":\"2026-01-02T03:04:05.678Z\"}");
    while (bytes.isReadable()) {
      channel.writeInbound(bytes.readRetainedSlice(1));
    }
    bytes.release();

    assertThat(messages).hasSize(1);
    ServerMessage.Message message = (ServerMessage.Message) messages.get(0);
    assertThat(message.seq()).isEqualTo(7);
    assertThat(message.text()).isEqualTo("hi");
  }

  @Test
  void anUndecodableFrameIsSkippedAndTheNextOneStillDecodes() {
    channel.writeInbound(frame("{\"type\":\"no_such_event\"}"));
    channel.writeInbound(frame("{\"type\":\"pong\",\"id\":\"p1\"}"));

    assertThat(channel.isActive()).isTrue();
    assertThat(messages).containsExactly(new ServerMessage.Pong("p1"));
  }

  @Test
  void anOversizeFrameClosesTheConnection() {
    channel.writeInbound(Unpooled.buffer().writeInt(1_000_000).writeBytes(new byte[16]));

    assertThat(channel.isActive()).isFalse();
    assertThat(messages).isEmpty();
    assertThat(calls).contains("inactive");
  }

  @Test
  void idleEventsAndCloseAreReported() {
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    channel.close();

    assertThat(calls).containsExactly("idle first=true", "idle first=false", "inactive");
  }

  @Test
  void commandsAreWrittenFramed() {
    channel.writeOutbound(new ClientMessage.Join("nc-1", "lobby", 4L));

    ByteBuf out = channel.readOutbound();
    try {
      int length = out.readInt();
      assertThat(length).isEqualTo(out.readableBytes());
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo("{\"type\":\"join\",\"id\":\"nc-1\",\"room\":\"lobby\",\"since\":4}");
    } finally {
      out.release();
    }
  }
}
