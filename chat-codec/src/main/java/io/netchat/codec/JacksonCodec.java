package io.netchat.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A codec over any Jackson data format: the JSON codec and the binary CBOR codec share this class
 * and differ only in the {@link ObjectMapper} they are given.
 *
 * <p>Decoding reads a tree first, so that every failure maps to a precise error code and still
 * knows the command's {@code id}: not parseable → {@code bad_json}; not an object →
 * {@code bad_json}; {@code id} or {@code type} missing or ill-typed → {@code bad_request};
 * unknown {@code type} → {@code unknown_type}; a field missing or of the wrong type →
 * {@code bad_request}; a rule of the model broken → that rule's code.
 */
public class JacksonCodec implements ChatCodec {
  private static final Map<Class<?>, Map<String, Class<?>>> TYPES = Map.of(
      ClientMessage.class, typesOf(ClientMessage.class),
      ServerMessage.class, typesOf(ServerMessage.class));

  private final String name;
  private final boolean binary;
  private final ObjectMapper mapper;
  private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
  private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();
  private final ObjectReader treeReader;

  /**
   * A codec named {@code name} over a mapper built by {@link #configure}. A message type's
   * reader or writer is built on first use, or ahead of it by {@link #prepare(Side)}: building
   * them all costs a cold JVM about half a second, and a process needs only one side's.
   */
  protected JacksonCodec(String name, boolean binary, ObjectMapper mapper) {
    this.name = name;
    this.binary = binary;
    this.mapper = mapper;
    this.treeReader = mapper.readerFor(JsonNode.class);
  }

  /**
   * Builds the readers of every {@code side.inbound()} type and the writers of every
   * {@code side.outbound()} type now. Jackson builds them under a lock, which an event loop must
   * never wait on: call this before a pipeline of {@code side} runs.
   */
  @Override
  public void prepare(Side side) {
    TYPES.get(side.inbound()).values().forEach(this::reader);
    TYPES.get(side.outbound()).values().forEach(this::writer);
  }

  /** Builds the reader and the writer of one message type now; see {@link #prepare(Side)}. */
  public void prepare(Class<?> type) {
    reader(type);
    writer(type);
  }

  private ObjectReader reader(Class<?> type) {
    ObjectReader reader = readers.get(type);
    return reader != null ? reader : readers.computeIfAbsent(known(type), mapper::readerFor);
  }

  private ObjectWriter writer(Class<?> type) {
    ObjectWriter writer = writers.get(type);
    return writer != null ? writer : writers.computeIfAbsent(known(type), mapper::writerFor);
  }

  /** Applies the contract's strictness to a mapper of any Jackson format. */
  protected static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
    return builder
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .withCoercionConfig(LogicalType.Textual, config -> config
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(new TimestampModule())
        .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean binary() {
    return binary;
  }

  @Override
  public <M> M decode(ByteBuf payload, Class<M> side) {
    Map<String, Class<?>> types = TYPES.get(side);
    if (types == null) {
      throw new IllegalArgumentException("not a message side: " + side);
    }
    JsonNode tree = readTree(payload);
    String id = idOf(tree);
    JsonNode type = tree.get("type");
    if (type == null || type.isNull()) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "missing field 'type'", id, null);
    }
    if (!type.isTextual()) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'type' must be a string", id, null);
    }
    Class<?> target = types.get(type.textValue());
    if (target == null) {
      throw new ChatCodecException(ErrorCode.UNKNOWN_TYPE, "unknown type '" + shorten(type.textValue())
          + "'; known: " + String.join(", ", types.keySet().stream().sorted().toList()), id, null);
    }
    try {
      return side.cast(read(target, tree, id));
    } catch (ChatCodecException e) {
      throw e.withCommand(type.textValue());
    }
  }

  private Object read(Class<?> target, JsonNode tree, String id) {
    try {
      return reader(target).readValue(tree);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ChatCodecException violation) {
        throw violation.withRe(id);
      }
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, e.getOriginalMessage(), id, e);
    } catch (JsonMappingException e) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, describe(e), id, e);
    } catch (JacksonException e) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, e.getOriginalMessage(), id, e);
    } catch (IOException e) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, e.getMessage(), id, e);
    }
  }

  @Override
  public void encode(Object message, ByteBuf out) {
    ObjectWriter writer = writer(message.getClass());
    try {
      writer.writeValue((java.io.OutputStream) new ByteBufOutputStream(out), message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** Hook for a textual format to reject bytes before parsing (e.g. invalid UTF-8). */
  protected void checkPayload(ByteBuf payload) {}

  private JsonNode readTree(ByteBuf payload) {
    if (!payload.isReadable()) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "empty frame");
    }
    checkPayload(payload);
    JsonNode tree;
    try {
      tree = payload.hasArray()
          ? treeReader.readTree(payload.array(), payload.arrayOffset() + payload.readerIndex(), payload.readableBytes())
          : treeReader.readTree((java.io.InputStream) new ByteBufInputStream(payload.duplicate()));
    } catch (JacksonException e) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "malformed " + name + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "malformed " + name + ": " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "empty frame");
    }
    if (!tree.isObject()) {
      throw new ChatCodecException(ErrorCode.BAD_JSON,
          "a frame must hold one object, not " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return tree;
  }

  private static String idOf(JsonNode tree) {
    JsonNode id = tree.get("id");
    if (id == null || id.isNull()) {
      return null;
    }
    if (!id.isTextual()) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'id' must be a string");
    }
    return Validation.checkId(id.textValue());
  }

  private static String describe(JsonMappingException e) {
    String field = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
    if (!field.isEmpty() && e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return "field '" + field + "' must be " + kindOf(mismatch.getTargetType());
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    return field.isEmpty() ? message : "field '" + field + "': " + message;
  }

  private static String kindOf(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "an integer";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 timestamp";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static Class<?> known(Class<?> type) {
    if (!TYPES.get(ClientMessage.class).containsValue(type) && !TYPES.get(ServerMessage.class).containsValue(type)) {
      throw new IllegalArgumentException("not a message: " + type.getName());
    }
    return type;
  }

  private static Map<String, Class<?>> typesOf(Class<?> side) {
    Map<String, Class<?>> types = new HashMap<>();
    TypeNames.of(side).forEach((type, typeName) -> types.put(typeName, type));
    return Map.copyOf(types);
  }
}
