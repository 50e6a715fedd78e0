package io.netchat.server;

import io.netchat.codec.Limits;
import io.netchat.codec.WireFormat;
import io.netchat.server.auth.Accounts;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.fanout.FlushBatcher;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.room.MessageIds;
import io.netchat.server.room.RoomCreations;
import io.netchat.server.room.RoomRegistry;
import io.netchat.server.room.TxnLedger;
import io.netchat.server.room.RoomStore;
import io.netchat.store.AccountStore;
import io.netchat.store.DmStreamStore;
import io.netchat.store.MemoryAccounts;
import io.netchat.store.MemoryDmStreams;
import io.netchat.store.MemoryOfflineDms;
import io.netchat.store.OfflineDmStore;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The state one server instance shares between its connections: configuration, the wire format
 * of each listener, users, rooms, connection counts and the per-loop flush batchers. Injected
 * into every {@link SessionHandler}; nothing here is static.
 *
 * <p>The configuration is swapped whole by {@link #reconfigure} (SIGHUP): everything that reads
 * it through {@link #config()} when it acts sees the new values from then on.
 */
final class ServerContext {
  /** How often the repeats of a refusal-like log line are summed up into one line. */
  static final Duration REPEATED_LOG_WINDOW = Duration.ofSeconds(10);

  private volatile ServerConfig config;
  private final List<WireFormat> formats;
  private final Clock clock;
  private final UserRegistry users = new UserRegistry();
  private final RoomRegistry rooms;
  private final ConnectionLimiter limiter;
  private final Map<EventExecutor, FlushBatcher> flushers = new ConcurrentHashMap<>();
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private volatile Limits announcedLimits;
  private volatile Limits v1Limits;
  private final SessionSecrets secrets = new SessionSecrets();
  private final AtomicLong sessionIds = new AtomicLong();
  private final RepeatedLog refusals;
  private final ChatCounters counters;
  private final TxnLedger txns;
  /** Heap the dm streams hold when no one says (tests); {@link ChatServer} gives them a share of the history budget. */
  static final long DEFAULT_DM_STREAM_BYTES = 8L << 20;
  private final DmStreamStore dmStreams;
  private final MessageIds.Counter dmIds = new MessageIds.Counter();
  private final Accounts accounts;
  private final DmMailbox mailbox;
  private volatile boolean shuttingDown;

  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms) {
    this(config, formats, clock, rooms, refusalLog());
  }

  /** @param refusals the log of refusals and global limit hits, shared with the room registry */
  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms, RepeatedLog refusals) {
    this(config, formats, clock, rooms, refusals, new ChatCounters(formats.size()));
  }

  /** @param counters the server's event counts, shared with its rooms */
  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms, RepeatedLog refusals,
      ChatCounters counters) {
    this(config, formats, clock, rooms, refusals, counters, null, null, null, new ServerBans(null), System::nanoTime);
  }

  /**
   * @param accountStore where the accounts of §15 live, or null for the heap (until the process
   *     ends); {@code auth.guests} and {@code auth.registration} are read live from the configuration
   * @param offlineDms where dms to accounts with no session wait (§18), or null for the heap
   * @param dmStreams where the accounts' dm streams live (§18.5), or null for the heap (at most
   *     {@value #DEFAULT_DM_STREAM_BYTES} bytes, all streams together)
   * @param bans the server-wide bans (§17.6), loaded from the store when there is one
   * @param ticker the nanosecond clock failed logins are timed by (tests pass a virtual one)
   */
  ServerContext(ServerConfig config, List<WireFormat> formats, Clock clock, RoomRegistry rooms, RepeatedLog refusals,
      ChatCounters counters, AccountStore accountStore, OfflineDmStore offlineDms, DmStreamStore dmStreams,
      ServerBans bans,
      LongSupplier ticker) {
    this.counters = counters;
    this.bans = bans;
    this.refusals = refusals;
    this.config = config;
    this.accounts = Accounts.create(() -> this.config.auth(), accountStore != null ? accountStore
        : new MemoryAccounts(MemoryAccounts.DEFAULT_MAX_ACCOUNTS, () -> false), clock, ticker);
    this.mailbox = new DmMailbox(offlineDms != null ? offlineDms
        : new MemoryOfflineDms(MemoryOfflineDms.DEFAULT_MAX_TOTAL, () -> false),
        () -> this.config.limits().maxOfflineDmsPerAccount(), users);
    this.formats = List.copyOf(formats);
    this.clock = clock;
    this.rooms = rooms;
    this.limiter = new ConnectionLimiter(() -> this.config.limits().maxConnections(),
        () -> this.config.limits().maxConnectionsPerIp(), counters);
    this.txns = new TxnLedger(config.limits().txnWindow(), config.limits().maxConnections());
    this.dmStreams = dmStreams != null ? dmStreams : new MemoryDmStreams(DEFAULT_DM_STREAM_BYTES, () -> false);
    announce(config);
  }

  private final ServerBans bans;

  ServerConfig config() {
    return config;
  }

  /** Runs with {@code newConfig} from now on; the caller decided which of its values may change live. */
  void reconfigure(ServerConfig newConfig) {
    announce(newConfig);
    config = newConfig;
  }

  /** Sets what {@code welcome} announces from {@code config}: all of it to 1.1 sessions, the v1 six to v1 sessions. */
  private void announce(ServerConfig config) {
    LimitsConfig limits = config.limits();
    Limits all = new Limits(limits.maxFrameLength(), limits.maxTextLength(), limits.maxRoomsPerSession(),
        limits.historySize(), limits.messagesPerSecond(), limits.burst(), Limits.TEXT_UNIT_CODE_POINT,
        config.timeouts().idle().toMillis(), config.timeouts().pong().toMillis(), limits.maxHistoryPerRequest(),
        limits.txnWindow().toSeconds());
    announcedLimits = all;
    v1Limits = all.v1();
  }

  WireFormat format(int listenerIndex) {
    return formats.get(listenerIndex);
  }

  Clock clock() {
    return clock;
  }

  /** Dms kept for accounts with no session, until their next login (§18). */
  DmMailbox mailbox() {
    return mailbox;
  }

  /** Registered accounts: logins, registration, passwords, reserved nicks (§15). */
  Accounts accounts() {
    return accounts;
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

  ChatCounters counters() {
    return counters;
  }

  /** The refusal of a connection that arrives during shutdown, counted. */
  String refuseWhileShuttingDown() {
    counters.refused(ChatCounters.Refusal.SHUTTING_DOWN);
    return "the server is shutting down";
  }

  Set<Session> sessions() {
    return sessions;
  }

  /** The limits {@code welcome} announces: all of them to a 1.1 session, the six of v1 to a v1 session. */
  Limits announcedLimits(boolean negotiated) {
    return negotiated ? announcedLimits : v1Limits;
  }

  /** A new session's logical id, unique within this server's run. */
  String nextSessionId() {
    return Long.toString(sessionIds.incrementAndGet());
  }

  /** The server-wide bans admins set (§17.6). */
  ServerBans bans() {
    return bans;
  }

  SessionSecrets secrets() {
    return secrets;
  }

  /** What each session's {@code say}/{@code dm} with a {@code txn} got, for retries (contract 1.1). */
  /** The per-account dm streams (§18.5). */
  DmStreamStore dmStreams() {
    return dmStreams;
  }

  TxnLedger txns() {
    return txns;
  }

  /** The msgids of direct messages: a random prefix per server start, then a count. */
  MessageIds.Counter dmIds() {
    return dmIds;
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
  static RoomCreations roomCreations(LimitsConfig limits, RepeatedLog refusals, ChatCounters counters) {
    return new RoomCreationLimiter(limits.roomCreationsPerMinute(), limits.roomCreationBurst(),
        limits.maxConnections(), System::nanoTime, refusals, counters);
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
