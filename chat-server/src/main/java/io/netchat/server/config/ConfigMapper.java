package io.netchat.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netchat.codec.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Jackson mapper that binds {@code server.yaml} to the config records: snake_case keys,
 * unknown keys and duplicate keys fail, no value changes type on the way ({@code "7777"} is not a
 * port, {@code 42} not a name), durations in {@link Durations}' form, enums by their lower-case
 * name, and every record laid over its {@code defaults()} ({@link RecordDefaults}).
 */
final class ConfigMapper {
  private ConfigMapper() {}

  static YAMLMapper create() {
    SimpleModule module = new SimpleModule("netchat-config") {
      private static final long serialVersionUID = 1L;

      @Override
      public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new RecordDefaults());
      }
    }.addDeserializer(Duration.class, new FromText<>(Duration.class, Durations::parse)).setDeserializerModifier(new LowerCaseEnums());
    return YAMLMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, textual -> textual
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(module)
        .build();
  }

  /** The names an enum is written with in configuration: {@code auto}, {@code epoll}, {@code nio}. */
  static List<String> names(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
  }

  /** Enums by lower-case name only: {@code transport: nio}, never {@code NIO}. */
  private static final class LowerCaseEnums extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
        BeanDescription bean, JsonDeserializer<?> standard) {
      Class<?> enumType = type.getRawClass();
      List<String> names = names(enumType);
      return new FromText<Object>(Object.class, text -> names.contains(text)
          ? Optional.of(enumType.getEnumConstants()[names.indexOf(text)]) : Optional.empty());
    }
  }

  /**
   * A value written as text and read by {@code parse}; anything else is a value of the wrong
   * type, which {@link BindingErrors} describes by what the record allows.
   */
  private static final class FromText<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final transient Function<String, Optional<T>> parse;

    FromText(Class<T> type, Function<String, Optional<T>> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Optional<T> value = p.hasToken(JsonToken.VALUE_STRING) ? parse.apply(p.getText()) : Optional.empty();
      if (value.isEmpty()) {
        ctxt.reportInputMismatch(this, "not a value this key accepts");
      }
      return value.get();
    }
  }
}
