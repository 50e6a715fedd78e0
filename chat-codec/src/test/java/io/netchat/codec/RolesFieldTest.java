package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code roles} of {@code joined} and {@code members} (docs/PROTOCOL.md §17.10): present with the capability only. */
class RolesFieldTest {
  private final ChatCodec json = Wire.REGISTRY.get("json");
  private final ChatCodec cbor = Wire.REGISTRY.get("cbor");

  @Test
  void aPageWithRolesIsTheDocumentedJson() {
    ServerMessage.Members page = new ServerMessage.Members("den", List.of("alice", "bob", "carol"), null, "8", null,
        Map.of("alice", "owner", "carol", "voice"));

    assertThat(encode(json, new ServerMessage.Members("den", List.of("alice"), null, "8", null, Map.of("alice", "owner"))))
        .isEqualTo("{\"type\":\"members\",\"room\":\"den\",\"nicks\":[\"alice\"],\"re\":\"8\",\"roles\":{\"alice\":\"owner\"}}");
    assertThat(roundTrip(json, page)).isEqualTo(page);
    assertThat(roundTrip(cbor, page)).isEqualTo(page);
  }

  @Test
  void withoutTheCapabilityTheAnswersAreTheBytesOfBefore() {
    assertThat(encode(json, new ServerMessage.Members("den", List.of("alice"), null, "8")))
        .isEqualTo("{\"type\":\"members\",\"room\":\"den\",\"nicks\":[\"alice\"],\"re\":\"8\"}");
    ServerMessage.Joined joined = new ServerMessage.Joined("den", "", List.of("alice"), 3, 1, "e1", null, "9");
    assertThat(encode(json, joined)).doesNotContain("roles");
    ServerMessage.Joined withRoles = new ServerMessage.Joined("den", "", List.of("alice"), 3, 1, "e1", null, "9",
        null, null, Map.of());
    assertThat(encode(json, withRoles)).endsWith(",\"roles\":{}}");
    assertThat(roundTrip(cbor, withRoles)).isEqualTo(withRoles);
  }

  private static String encode(ChatCodec codec, Object message) {
    ByteBuf out = Unpooled.buffer();
    try {
      codec.encode(message, out);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  private static ServerMessage roundTrip(ChatCodec codec, ServerMessage message) {
    ByteBuf out = Unpooled.buffer();
    try {
      codec.encode(message, out);
      return codec.decode(out, ServerMessage.class);
    } finally {
      out.release();
    }
  }
}
