package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ChatCodec#prepare} builds ahead of the event loops: one side's readers and writers,
 * no more (the other side's cost a cold start for nothing), and nothing left to build for that
 * side afterwards.
 */
class CodecPreparationTest {
  private final CountingMapper mapper = new CountingMapper();
  private final JacksonCodec codec = new JacksonCodec("counted", false, mapper);

  @BeforeEach
  void forgetTheTreeReaderTheCodecBuiltAtOnce() {
    assertThat(mapper.readersFor).containsExactly(JsonNode.class);
    mapper.readersFor.clear();
  }

  @Test
  void theServerSideReadsEveryCommandAndWritesEveryEventAndNothingElse() {
    codec.prepare(Side.SERVER);

    assertThat(mapper.readersFor).containsExactlyInAnyOrderElementsOf(TypeNames.of(ClientMessage.class).keySet());
    assertThat(mapper.writersFor).containsExactlyInAnyOrderElementsOf(TypeNames.of(ServerMessage.class).keySet());
  }

  @Test
  void aPreparedSideBuildsNothingMoreWhenItDecodesAndEncodes() {
    codec.prepare(Side.CLIENT);
    int readers = mapper.readersFor.size();
    int writers = mapper.writersFor.size();

    for (ServerMessage event : SampleMessages.server()) {
      ByteBuf payload = Unpooled.buffer();
      try {
        JsonCodec.shared().encode(event, payload); // as a server wrote it
        assertThat(codec.decode(payload, ServerMessage.class)).isEqualTo(event);
      } finally {
        payload.release();
      }
    }
    for (ClientMessage command : SampleMessages.client()) {
      encode(command).release();
    }

    assertThat(mapper.readersFor).hasSize(readers);
    assertThat(mapper.writersFor).hasSize(writers);
  }

  @Test
  void anUnpreparedTypeIsBuiltOnFirstUseOnce() {
    ClientMessage.Join join = new ClientMessage.Join("1", "lobby", null);

    assertThat(roundTrip(join, ClientMessage.class)).isEqualTo(join);
    assertThat(roundTrip(join, ClientMessage.class)).isEqualTo(join);

    assertThat(mapper.readersFor).containsExactly(ClientMessage.Join.class);
    assertThat(mapper.writersFor).containsExactly(ClientMessage.Join.class);
  }

  @Test
  void oneTypeCanBePreparedButOnlyAMessageType() {
    codec.prepare(ServerMessage.Kick.class);

    assertThat(mapper.readersFor).containsExactly(ServerMessage.Kick.class);
    assertThat(mapper.writersFor).containsExactly(ServerMessage.Kick.class);
    assertThatThrownBy(() -> codec.prepare(String.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a message");
    assertThatThrownBy(() -> encode("text")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a message: java.lang.String");
    assertThat(mapper.writersFor).containsExactly(ServerMessage.Kick.class);
  }

  private <M> M roundTrip(Object message, Class<M> side) {
    ByteBuf payload = encode(message);
    try {
      return codec.decode(payload, side);
    } finally {
      payload.release();
    }
  }

  private ByteBuf encode(Object message) {
    ByteBuf out = Unpooled.buffer();
    try {
      codec.encode(message, out);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /** A mapper configured as the JSON codec's, which notes every type it builds a reader or writer for. */
  private static final class CountingMapper extends JsonMapper {
    final List<Class<?>> readersFor = new ArrayList<>();
    final List<Class<?>> writersFor = new ArrayList<>();

    CountingMapper() {
      super(configured());
    }

    private static JsonMapper configured() {
      ObjectMapper json = JacksonCodec.configure(JsonMapper.builder());
      return (JsonMapper) json;
    }

    @Override
    public ObjectReader readerFor(Class<?> type) {
      readersFor.add(type);
      return super.readerFor(type);
    }

    @Override
    public ObjectWriter writerFor(Class<?> type) {
      writersFor.add(type);
      return super.writerFor(type);
    }
  }
}
