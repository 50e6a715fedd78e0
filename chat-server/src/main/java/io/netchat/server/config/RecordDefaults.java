package io.netchat.server.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.deser.impl.PropertyValueBuffer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * Lays a mapping of the file over a config record's {@code defaults()}: a key the file leaves out
 * (or leaves empty: the loader drops {@code null}s first) takes the default's value. Any record
 * with a public static {@code defaults()} is bound this way, so a new section needs nothing here.
 */
final class RecordDefaults extends ValueInstantiators.Base {

  @Override
  public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription bean,
      ValueInstantiator standard) {
    Class<?> type = bean.getBeanClass();
    Object defaults = type.isRecord() ? defaultsOf(type) : null;
    return defaults == null ? standard : new OverDefaults(standard, components(defaults));
  }

  /** The value of {@code type}'s public static {@code defaults()}, or {@code null} when it has none. */
  static Object defaultsOf(Class<?> type) {
    try {
      Method method = type.getMethod("defaults");
      return Modifier.isStatic(method.getModifiers()) && method.getReturnType() == type ? method.invoke(null) : null;
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + ".defaults()", e);
    }
  }

  /** The component values of {@code record}, in declaration (= canonical constructor) order. */
  static Object[] components(Object record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = components[i].getAccessor().invoke(record);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + record.getClass().getSimpleName(), e);
    }
    return values;
  }

  /** The record's own instantiator, given the defaults for every argument the file did not set. */
  private static final class OverDefaults extends ValueInstantiator.Delegating {
    private static final long serialVersionUID = 1L;

    private final transient Object[] defaults;

    OverDefaults(ValueInstantiator delegate, Object[] defaults) {
      super(delegate);
      this.defaults = defaults;
    }

    @Override
    public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription bean)
        throws com.fasterxml.jackson.databind.JsonMappingException {
      ValueInstantiator contextual = delegate().createContextual(ctxt, bean);
      return contextual == delegate() ? this : new OverDefaults(contextual, defaults);
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] properties,
        PropertyValueBuffer buffer) throws IOException {
      Object[] arguments = defaults.clone();
      for (SettableBeanProperty property : properties) {
        Object value = buffer.hasParameter(property) ? buffer.getParameter(property) : null;
        if (value != null) {
          arguments[property.getCreatorIndex()] = value;
        }
      }
      return createFromObjectWith(ctxt, arguments);
    }
  }
}
