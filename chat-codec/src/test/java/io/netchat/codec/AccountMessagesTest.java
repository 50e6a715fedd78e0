package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The §15 commands: what they read, what they refuse, and that no password shows in a toString. */
class AccountMessagesTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void noPasswordShowsInToString() {
    assertThat(new ClientMessage.Hello("1", "alice", 1, null, null, "r3sume", "hunter2", null).toString())
        .doesNotContain("hunter2").doesNotContain("r3sume").contains("alice");
    assertThat(new ClientMessage.Register("2", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(new ClientMessage.Passwd("3", "hunter2", "swordfish").toString())
        .doesNotContain("hunter2").doesNotContain("swordfish");
    assertThat(new ClientMessage.Hello("1", "alice").toString()).contains("password=null");
  }

  @Test
  void passwdReadsOldAndNew() {
    assertThat(decode("{\"type\":\"passwd\",\"id\":\"p\",\"old\":\"a b\",\"new\":\"c d\"}"))
        .isEqualTo(new ClientMessage.Passwd("p", "a b", "c d"));
  }

  @Test
  void aPasswordIsOneTo256CharsAndTheErrorNeverEchoesIt() {
    String longOne = "x".repeat(Validation.MAX_PASSWORD_LENGTH);
    assertThat(decode("{\"type\":\"register\",\"password\":\"" + longOne + "\"}"))
        .isEqualTo(new ClientMessage.Register(null, longOne));
    assertThatThrownBy(() -> decode("{\"type\":\"register\",\"id\":\"r\",\"password\":\"" + longOne + "y\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.re()).isEqualTo("r");
          assertThat(e.getMessage()).doesNotContain(longOne);
        });
    assertThatThrownBy(() -> decode("{\"type\":\"register\",\"password\":\"\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> decode("{\"type\":\"passwd\",\"old\":\"a\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.getMessage()).contains("'new'"));
  }

  @Test
  void aHelloWithoutPasswordIsTheHelloOfBefore() {
    assertThat(decode("{\"type\":\"hello\",\"nick\":\"alice\"}")).isEqualTo(new ClientMessage.Hello(null, "alice"));
  }

  private ClientMessage decode(String json) {
    ByteBuf payload = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    try {
      return codec.decode(payload, ClientMessage.class);
    } finally {
      payload.release();
    }
  }
}
