package io.netchat.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netchat.codec.ErrorCode;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Binds one server's figures to a Micrometer registry: every meter reads a counter or figure that
 * already exists ({@link ChatCounters}, {@link ServerGauges}) when the registry is scraped, so
 * binding adds nothing to the chat path. Names are documented in docs/OPERATIONS.md; in the
 * Prometheus format the dots become underscores and counters end in {@code _total}.
 *
 * <p>Function counters hold what they read weakly: keep this binder reachable (the server does)
 * for as long as the registry is scraped.
 */
public final class ServerMeters implements MeterBinder {
  private static final String PREFIX = "netchat.";

  private final ChatCounters counters;
  private final ServerGauges gauges;
  private final List<ListenerTags> listeners;

  /** @param listeners the labels of each listener, in the order of the counters' listener indexes */
  public ServerMeters(ChatCounters counters, ServerGauges gauges, List<ListenerTags> listeners) {
    if (listeners.size() != counters.listenerCount()) {
      throw new IllegalArgumentException(listeners.size() + " listener labels for " + counters.listenerCount()
          + " listeners");
    }
    this.counters = counters;
    this.gauges = gauges;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    bindConnections(registry);
    bindTraffic(registry);
    gauge(registry, "sessions.logged.in", "sessions that have sent a successful hello", gauges.loggedIn(), null);
    gauge(registry, "rooms", "rooms that exist, members or not", gauges.rooms(), null);
    for (ChatCounters.RoomRefusal refusal : ChatCounters.RoomRefusal.values()) {
      FunctionCounter.builder(PREFIX + "rooms.refused", counters, c -> c.roomRefusals(refusal))
          .description("joins that would have created a room and were refused, by the limit that refused them")
          .tag("reason", refusal.label()).register(registry);
    }
    gauge(registry, "room.members", "room memberships, all rooms together", counters::members, null);
    FunctionCounter.builder(PREFIX + "messages.accepted", counters, ChatCounters::messages)
        .description("say commands a room accepted, stored and broadcast").register(registry);
    counter(registry, "deliveries", "frames handed to recipients by room broadcasts", counters.deliveries());
    bindMemory(registry);
  }

  private void bindConnections(MeterRegistry registry) {
    gauge(registry, "connections.open", "admitted connections open now", gauges.openConnections(), null);
    for (ChatCounters.Refusal refusal : ChatCounters.Refusal.values()) {
      FunctionCounter.builder(PREFIX + "connections.refused", counters, c -> c.refusals(refusal))
          .description("connections refused at accept, by reason").tag("reason", refusal.label()).register(registry);
    }
    for (ChatCounters.TlsFailure failure : ChatCounters.TlsFailure.values()) {
      FunctionCounter.builder(PREFIX + "tls.handshakes.failed", counters, c -> c.tlsFailures(failure))
          .description("TLS handshakes that failed on TLS listeners, by reason").tag("reason", failure.label())
          .register(registry);
    }
    for (ChatCounters.LoginFailure failure : ChatCounters.LoginFailure.values()) {
      FunctionCounter.builder(PREFIX + "logins.failed", counters, c -> c.loginFailures(failure))
          .description("logins refused (hello, token refresh), by reason").tag("reason", failure.label())
          .register(registry);
    }
    for (String reason : ChatCounters.closeReasons()) {
      FunctionCounter.builder(PREFIX + "connections.closed", counters, c -> c.closes(reason))
          .description("connections closed, by the reason of their bye (connection_lost: none was sent)")
          .tag("reason", reason).register(registry);
    }
    counters.commandsByType().forEach((type, adder) ->
        FunctionCounter.builder(PREFIX + "commands", adder, LongAdder::sum)
            .description("commands decoded from clients, by type (rate-limited ones included)")
            .tag("type", type).register(registry));
    for (ErrorCode code : ErrorCode.values()) {
      FunctionCounter.builder(PREFIX + "errors.sent", counters, c -> c.errors(code))
          .description("error answers sent, by code (rate_limited: commands dropped by flood control)")
          .tag("code", code.wireName()).register(registry);
    }
  }

  private void bindTraffic(MeterRegistry registry) {
    for (int i = 0; i < listeners.size(); i++) {
      ChatCounters.PerListener listener = counters.listener(i);
      var tags = listeners.get(i).tags();
      FunctionCounter.builder(PREFIX + "connections.accepted", listener.accepted(), LongAdder::sum)
          .description("TCP connections accepted, refused ones included").tags(tags).register(registry);
      FunctionCounter.builder(PREFIX + "read", listener.bytesIn(), LongAdder::sum).baseUnit(BaseUnits.BYTES)
          .description("bytes read from clients").tags(tags).register(registry);
      FunctionCounter.builder(PREFIX + "written", listener.bytesOut(), LongAdder::sum).baseUnit(BaseUnits.BYTES)
          .description("bytes written to clients (handed to the socket)").tags(tags).register(registry);
    }
  }

  private void bindMemory(MeterRegistry registry) {
    gauge(registry, "inbound.held", "bytes of incomplete inbound frames held now", gauges.inboundHeld(),
        BaseUnits.BYTES);
    gauge(registry, "inbound.limit", "memory.inbound_bytes in force", gauges.inboundLimit(), BaseUnits.BYTES);
    gauge(registry, "outbound.limit", "memory.outbound_bytes in force", gauges.outboundLimit(), BaseUnits.BYTES);
    gauge(registry, "history.limit", "memory.history_bytes in force", gauges.historyLimit(), BaseUnits.BYTES);
    gauge(registry, "outbound.queued", "outbound bytes queued for all connections at the last budget check",
        gauges.outboundQueued(), BaseUnits.BYTES);
    gauge(registry, "outbound.counted", "what the last check counted against memory.outbound_bytes",
        gauges.outboundCounted(), BaseUnits.BYTES);
    gauge(registry, "history.held", "bytes of room history held now", gauges.historyHeld(), BaseUnits.BYTES);
    counter(registry, "history.evicted", "messages evicted to keep within memory.history_bytes",
        gauges.historyEvicted());
  }

  private static void gauge(MeterRegistry registry, String name, String description, LongSupplier value,
      String unit) {
    Gauge.builder(PREFIX + name, value, v -> v.getAsLong()).description(description).baseUnit(unit)
        .strongReference(true).register(registry);
  }

  /** {@code value} must stay reachable (a function counter holds it weakly): it is a field of {@link #gauges}. */
  private static void counter(MeterRegistry registry, String name, String description, LongSupplier value) {
    FunctionCounter.builder(PREFIX + name, value, v -> v.getAsLong()).description(description).register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String description, LongAdder value) {
    FunctionCounter.builder(PREFIX + name, value, LongAdder::sum).description(description).register(registry);
  }
}
