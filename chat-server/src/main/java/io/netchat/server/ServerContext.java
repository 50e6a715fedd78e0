package io.netchat.server;

import io.netchat.codec.Limits;
import io.netchat.codec.WireFormat;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.fanout.FlushBatcher;
import io.netchat.server.room.RoomCreations;
import io.netchat.server.room.RoomRegistry;
import io.netchat.server.room.RoomStore;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The state one server instance shares between its connections: configuration, the wire format
 * of each listener, users, rooms, connection counts and the per-loop flush batchers. Injected
 * into every {@link SessionHandler}; nothing here is static.
 */
final class ServerContext {
  /** How often the repeats of a refusal-like log line are summed up into one line. */
  static final Duration REPEATED_LOG_WINDOW = Duration.ofSeconds(10);

  private final ServerConfig config;
  private final List<WireFormat> formats;
  private final Clock clock;
  private final UserRegistry users = new UserRegistry();
  private final RoomRegistry rooms;
  private final ConnectionLimiter limiter;
  private final Map<EventExecutor, FlushBatcher> flushers = new ConcurrentHashMap<>();
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final Limits announcedLimits;
  private final RepeatedLog refusals;
  private volatile boolean shuttingDown;

  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms) {
    this(config, formats, clock, rooms, refusalLog());
  }

  /** @param refusals the log of refusals and global limit hits, shared with the room registry */
  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms, RepeatedLog refusals) {
    this.refusals = refusals;
    this.config = config;
    this.formats = List.copyOf(formats);
    this.clock = clock;
    this.rooms = rooms;
    this.limiter = new ConnectionLimiter(config.limits().maxConnections(), config.limits().maxConnectionsPerIp());
    var limits = config.limits();
    this.announcedLimits = new Limits(limits.maxFrameLength(), limits.maxTextLength(), limits.maxRoomsPerSession(),
        limits.historySize(), limits.messagesPerSecond(), limits.burst());
  }

  ServerConfig config() {
    return config;
  }

  WireFormat format(int listenerIndex) {
    return formats.get(listenerIndex);
  }

  Clock clock() {
    return clock;
  }

  UserRegistry users() {
    return users;
  }

  RoomRegistry rooms() {
    return rooms;
  }

  ConnectionLimiter limiter() {
    return limiter;
  }

  Set<Session> sessions() {
    return sessions;
  }

  Limits announcedLimits() {
    return announcedLimits;
  }

  /** A new log for refused connections and global limit hits. */
  static RepeatedLog refusalLog() {
    return new RepeatedLog(LoggerFactory.getLogger(SessionHandler.class), Level.INFO, REPEATED_LOG_WINDOW, 256);
  }

  /** A new log for the store's refusals (full queue, failing disk): one line per cause and window. */
  static RepeatedLog storeLog() {
    return new RepeatedLog(LoggerFactory.getLogger(RoomStore.class), Level.WARN, REPEATED_LOG_WINDOW, 16);
  }

  /** Room creation as {@code limits} allow it, refusals and limit hits logged to {@code refusals}. */
  static RoomCreations roomCreations(LimitsConfig limits, RepeatedLog refusals) {
    return new RoomCreationLimiter(limits.roomCreationsPerMinute(), limits.roomCreationBurst(),
        limits.maxConnections(), System::nanoTime, refusals);
  }

  /** Refused connections and global limit hits: one line per cause and window, however many there were. */
  RepeatedLog refusals() {
    return refusals;
  }

  FlushBatcher flusherFor(EventExecutor loop) {
    return flushers.computeIfAbsent(loop, FlushBatcher::new);
  }

  boolean shuttingDown() {
    return shuttingDown;
  }

  void startShutdown() {
    shuttingDown = true;
  }
}
