package io.netchat.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.codec.ChatCodec;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.JsonCodec;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Events as the wire contract's JSON (whatever codec the connection uses), and JSON text as
 * commands, through chat-codec's JSON codec so field names and formats match the protocol.
 */
final class EventJson {
  private final ChatCodec codec = JsonCodec.shared();
  private final ObjectMapper mapper = new ObjectMapper();

  /** One line of JSON for {@code event}. */
  String toJson(ServerMessage event) {
    ByteBuf out = Unpooled.buffer();
    try {
      codec.encode(event, out);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  /** {@code event} as a tree, for matching script expectations. */
  JsonNode toTree(ServerMessage event) {
    try {
      return mapper.readTree(toJson(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the JSON codec wrote unreadable JSON", e);
    }
  }

  /** Parses one command; fails with the contract's error code when it is not a valid command. */
  ClientMessage parseCommand(String json) {
    ByteBuf in = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
    try {
      return codec.decode(in, ClientMessage.class);
    } finally {
      in.release();
    }
  }
}
