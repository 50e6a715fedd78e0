package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.EncoderException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Encodes an answer that carries a list (history, a page of rooms or members, the members of
 * {@code joined}) so that it fits in one frame: while it is too long, half of the list is dropped
 * from the end the caller cares least about. The rest of the answer (a topic) is never cut.
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

  /**
   * Encodes one page of a list walked in key order, cut from its end until it fits a frame;
   * {@code next} (the key of the last item sent) is set when items follow, cut or not. An item
   * that cannot fit a frame even alone (only when {@code max_frame_length} is configured below
   * the largest entry) is passed over: the page is then empty and its {@code next} follows it.
   *
   * @param answer builds the answer from the items kept and the {@code next} cursor (or null)
   * @return the framed answer, owned by the caller
   */
  static <T> ByteBuf page(Page<T> page, Function<T, String> key, BiFunction<List<T>, String, ServerMessage> answer,
      WireFormat format, ByteBufAllocator allocator) {
    List<T> items = page.items();
    return fit(items, kept -> {
      String next = null;
      if (kept.isEmpty() && !items.isEmpty()) {
        next = key.apply(items.get(0));
      } else if (kept.size() < items.size() || page.more()) {
        next = key.apply(kept.get(kept.size() - 1));
      }
      return answer.apply(kept, next);
    }, false, format, allocator);
  }
}
