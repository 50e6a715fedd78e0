package io.netchat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.codec.JsonCodec;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Writes server messages as {@code length} + {@code json} frames on a plain socket, for scripted test servers. */
public final class LengthJsonFrames {
  private static final JsonCodec CODEC = new JsonCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  private LengthJsonFrames() {}

  /** Reads one frame, a client's command, as a JSON tree (to see exactly what the client sent). */
  public static JsonNode read(DataInputStream in) throws IOException {
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return JSON.readTree(payload);
  }

  /** Writes and flushes one frame holding {@code message}. */
  public static void write(DataOutputStream out, ServerMessage message) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      CODEC.encode(message, buf);
      out.writeInt(buf.readableBytes());
      out.write(ByteBufUtil.getBytes(buf));
      out.flush();
    } finally {
      buf.release();
    }
  }
}
