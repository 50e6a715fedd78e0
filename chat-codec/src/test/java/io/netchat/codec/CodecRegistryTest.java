package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Codecs are found by name through {@link java.util.ServiceLoader}; a bad name fails loudly. */
class CodecRegistryTest {

  @Test
  void serviceLoaderFindsJsonAndCbor() {
    CodecRegistry registry = CodecRegistry.load();
    assertThat(registry.names()).containsExactly("json", "cbor");
    assertThat(registry.get("json")).isInstanceOf(JsonCodec.class);
    assertThat(registry.get("cbor")).isInstanceOf(CborCodec.class);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> CodecRegistry.load().get("protobuf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown codec 'protobuf'; known codecs: json, cbor");
  }

  @Test
  void aDuplicateNameFailsNamingBothClasses() {
    assertThatThrownBy(() -> CodecRegistry.of(List.of(new JsonCodec(), new CborCodec(), new Impostor("json"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two codecs are named 'json': io.netchat.codec.JsonCodec and "
            + Impostor.class.getName() + "; known codecs: json, cbor");
  }

  @Test
  void aRegistryOfChosenCodecsKnowsOnlyThose() {
    CodecRegistry registry = CodecRegistry.of(List.of(new Impostor("mine")));
    assertThat(registry.names()).containsExactly("mine");
    assertThatThrownBy(() -> registry.get("json")).hasMessage("unknown codec 'json'; known codecs: mine");
  }

  /** A codec that only has a name. */
  private record Impostor(String name) implements ChatCodec {
    @Override
    public boolean binary() {
      return false;
    }

    @Override
    public <M> M decode(ByteBuf payload, Class<M> side) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void encode(Object message, ByteBuf out) {
      throw new UnsupportedOperationException();
    }
  }
}
