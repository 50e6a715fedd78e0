package io.netchat.codec;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.netty.buffer.ByteBuf;

/**
 * A binary codec: the same message model as {@link JsonCodec}, as one CBOR (RFC 8949) map per
 * frame. Registered as {@code cbor}; needs the {@code length} framing.
 */
public final class CborCodec extends JacksonCodec {
  /** The name configuration uses. */
  public static final String NAME = "cbor";

  public CborCodec() {
    super(NAME, true, configure(CBORMapper.builder()));
  }

  /** Rejects a text string that is not valid UTF-8 (overlong forms and surrogates included). */
  @Override
  protected void checkPayload(ByteBuf payload) {
    CborTextCheck.check(payload);
  }

  /** Registers {@link CborCodec} with {@link CodecRegistry}. */
  public static final class Provider implements ChatCodecProvider {
    @Override
    public ChatCodec create() {
      return new CborCodec();
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
