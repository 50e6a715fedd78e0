package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void everyRegistryHandsOutTheProcesssOneJsonCodec() {
    assertThat(CodecRegistry.load().get("json")).isSameAs(JsonCodec.shared()).isSameAs(CodecRegistry.load().get("json"));
    assertThat(new JsonCodec()).isNotSameAs(JsonCodec.shared());
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

  @Test
  void aProviderThatNamesItsCodecHasItCreatedOnFirstUseOnlyAndOnce(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services/" + ChatCodecProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, Counted.class.getName() + "\n");
    Counted.created.set(0);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      CodecRegistry registry = CodecRegistry.load(loader);

      assertThat(registry.names()).containsExactly("json", "cbor", "counted");
      assertThat(Counted.created).as("not made at load").hasValue(0);
      ChatCodec first = registry.get("counted");
      assertThat(registry.get("counted")).isSameAs(first);
      assertThat(Counted.created).hasValue(1);
    }
  }

  @Test
  void aProviderWhoseCodecIsNotCalledWhatItSaidFailsWhenItIsMade(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services/" + ChatCodecProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, Misnamed.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      CodecRegistry registry = CodecRegistry.load(loader);

      assertThatThrownBy(() -> registry.get("said"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(Misnamed.class.getName() + " names its codec 'said' but created one named 'made'");
    }
  }

  /** Names its codec, and counts how many it has made. */
  public static final class Counted implements ChatCodecProvider {
    static final AtomicInteger created = new AtomicInteger();

    @Override
    public ChatCodec create() {
      created.incrementAndGet();
      return new Impostor("counted");
    }

    @Override
    public String name() {
      return "counted";
    }
  }

  /** Says one name and makes a codec of another. */
  public static final class Misnamed implements ChatCodecProvider {
    @Override
    public ChatCodec create() {
      return new Impostor("made");
    }

    @Override
    public String name() {
      return "said";
    }
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
