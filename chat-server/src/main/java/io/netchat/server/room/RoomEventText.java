package io.netchat.server.room;

import io.netchat.codec.JsonCodec;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * How a moderation event is kept in the store's {@code text} column (kind {@code event}): its
 * JSON form without the seq, which the store keeps in its own column. It uses the process's JSON
 * codec (the one a {@code json} listener uses), built before any loop needs it.
 */
final class RoomEventText {
  private static final JsonCodec JSON = JsonCodec.shared();

  private RoomEventText() {}

  /** Builds, off the event loops and at start-up, the codec's readers and writers of stored events. */
  static void warm() {
    for (Class<?> kind : ServerMessage.RoomEvent.class.getPermittedSubclasses()) {
      JSON.prepare(kind);
    }
  }

  /** The stored text of {@code event}. */
  static String encode(ServerMessage.RoomEvent event) {
    ByteBuf out = Unpooled.buffer(128);
    try {
      JSON.encode(event, out);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  /** The event stored as {@code text}, numbered {@code seq}. */
  static ServerMessage.RoomEvent decode(String text, long seq) {
    ByteBuf in = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    try {
      ServerMessage message = JSON.decode(in, ServerMessage.class);
      if (message instanceof ServerMessage.RoomEvent event) {
        return event.withSeq(seq);
      }
      throw new IllegalStateException("stored event " + seq + " is a " + message.getClass().getSimpleName());
    } finally {
      in.release();
    }
  }
}
