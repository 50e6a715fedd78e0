package io.netchat.codec;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** The default codec: one UTF-8 JSON object per frame. Registered as {@code json}. */
public final class JsonCodec extends JacksonCodec {
  /** The name configuration uses. */
  public static final String NAME = "json";

  /**
   * A new JSON codec. Building one costs a few hundred milliseconds of a cold JVM (the mapper's
   * serializers); a codec is immutable and thread-safe, so a process needs only {@link #shared()}.
   */
  public JsonCodec() {
    super(NAME, false, configure(JsonMapper.builder()
        // Emoji and other non-BMP characters as their UTF-8 bytes, not as escaped surrogate pairs.
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)));
  }

  /** The process's one JSON codec, built on first use. */
  public static JsonCodec shared() {
    return Shared.CODEC;
  }

  private static final class Shared {
    static final JsonCodec CODEC = new JsonCodec();
  }

  /** Rejects invalid UTF-8 (overlong forms and surrogates included) before parsing. */
  @Override
  protected void checkPayload(ByteBuf payload) {
    if (!ByteBufUtil.isText(payload, StandardCharsets.UTF_8)) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "frame is not valid UTF-8");
    }
  }

  /** Registers {@link JsonCodec} with {@link CodecRegistry}. */
  public static final class Provider implements ChatCodecProvider {
    @Override
    public ChatCodec create() {
      return shared();
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
