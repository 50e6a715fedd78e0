package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.EncoderException;
import java.util.List;
import java.util.function.Function;

/**
 * Encodes an answer that carries a list (history, rooms) so that it fits in one frame: while it
 * is too long, half of the list is dropped from the end the caller cares least about.
 */
public final class FrameFitter {
  private FrameFitter() {}

  /**
   * @param keepNewest drop from the head (oldest history) when true, from the tail otherwise
   * @return the framed answer, owned by the caller
   */
  public static <T> ByteBuf fit(List<T> items, Function<List<T>, ServerMessage> answer, boolean keepNewest,
      WireFormat format, ByteBufAllocator allocator) {
    List<T> kept = items;
    while (true) {
      try {
        return format.encode(answer.apply(kept), allocator);
      } catch (EncoderException tooLarge) {
        if (kept.isEmpty()) {
          throw tooLarge;
        }
        int keep = kept.size() / 2;
        kept = keepNewest ? kept.subList(kept.size() - keep, kept.size()) : kept.subList(0, keep);
      }
    }
  }
}
