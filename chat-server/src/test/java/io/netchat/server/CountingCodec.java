package io.netchat.server;

import io.netchat.codec.ChatCodec;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a codec under another name and counts how often each message type is encoded. */
final class CountingCodec implements ChatCodec {
  private final String name;
  private final ChatCodec delegate;
  private final Map<Class<?>, AtomicInteger> encodes = new ConcurrentHashMap<>();

  CountingCodec(String name, ChatCodec delegate) {
    this.name = name;
    this.delegate = delegate;
  }

  int encodesOf(Class<?> type) {
    AtomicInteger count = encodes.get(type);
    return count == null ? 0 : count.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean binary() {
    return delegate.binary();
  }

  @Override
  public <M> M decode(ByteBuf payload, Class<M> side) {
    return delegate.decode(payload, side);
  }

  @Override
  public void encode(Object message, ByteBuf out) {
    encodes.computeIfAbsent(message.getClass(), c -> new AtomicInteger()).incrementAndGet();
    delegate.encode(message, out);
  }
}
