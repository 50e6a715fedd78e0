package io.netchat.server.metrics;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The events of one server that no existing object counts, each a {@link LongAdder} created once
 * and incremented where the event happens: no lock, no allocation and no map lookup on the
 * delivery path (a broadcast adds its recipients once per event loop). Labels are bounded sets
 * known at start-up: listener index, command type, error code, close reason; never a user or a
 * room. {@link ServerMeters} exposes them through Micrometer.
 */
public final class ChatCounters {
  /** Why a connection was refused at accept. */
  public enum Refusal {
    MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, SHUTTING_DOWN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a room was not created: {@code limits.max_rooms}, or the creator's address's creation rate. */
  public enum RoomRefusal {
    MAX_ROOMS, CREATION_RATE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a TLS handshake failed, as the listener's {@code TlsFailureLog} tells it. */
  public enum TlsFailure {
    /** The client did not speak TLS (plaintext on a TLS listener, or a scanner). */
    NOT_TLS,
    /** The client did not complete the handshake within {@code timeouts.hello}. */
    TIMEOUT,
    /** A certificate was refused: the client's (untrusted, expired, missing when required) or ours by the client. */
    BAD_CERTIFICATE,
    /** No protocol version or cipher suite in common, or a malformed handshake. */
    PROTOCOL,
    /** The client closed the connection before the handshake completed. */
    CLOSED,
    OTHER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Why a login was refused, where the verdict is made: a {@code hello} (password, token or guest),
   * a token {@code refresh} (docs/OPERATIONS.md lists what each means and what to alert on).
   */
  public enum LoginFailure {
    /** A wrong password, or a password for a nick that is no account. */
    BAD_CREDENTIALS,
    /** A token that does not verify: signature, key, algorithm, claims, or a nick other than the hello's. */
    BAD_TOKEN,
    /** A token past its {@code exp} (plus the configured skew). */
    TOKEN_EXPIRED,
    /** Too many failed logins for the account or address: nothing was checked. */
    THROTTLED,
    /** A server-wide ban matched the nick, account or address. */
    BANNED,
    /** A guest asked for a nick that belongs to an account. */
    NICK_RESERVED,
    /** A guest asked for a nick another guest holds. */
    NICK_TAKEN,
    /** A guest hello to a server with {@code auth.guests: false}. */
    NO_GUESTS,
    /** The account has {@code max_sessions_per_account} sessions already. */
    SESSION_LIMIT,
    /** The hashing pool, the token queue or the account store could not answer. */
    UNAVAILABLE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A close whose {@code bye} reason is not one of {@link #closeReasons()} (none this version sends). */
  public static final String OTHER = "other";
  /** A connection that ended with no {@code bye} sent: the peer closed or the network failed. */
  public static final String CONNECTION_LOST = "connection_lost";
  /** The reason of a connection cut for not reading what it was sent. */
  public static final String SLOW_CONSUMER = "slow_consumer";
  /** The reason of a connection that sent {@code quit} (whatever text it gave). */
  public static final String QUIT = "quit";

  private static final List<String> SERVER_REASONS = List.of(QUIT, "flooding", "hello_timeout", "ping_timeout",
      "frame_timeout", "shutting_down", SLOW_CONSUMER, "internal_error", CONNECTION_LOST, OTHER);

  private final PerListener[] listeners;
  private final LongAdder[] refused = adders(Refusal.values().length);
  private final LongAdder[] roomsRefused = adders(RoomRefusal.values().length);
  private final LongAdder[] tlsFailures = adders(TlsFailure.values().length);
  private final LongAdder[] loginFailures = adders(LoginFailure.values().length);
  private final LongAdder[] errors = adders(ErrorCode.values().length);
  private final Map<String, LongAdder> closes;
  private final ClassValue<LongAdder> commands = new ClassValue<>() {
    @Override
    protected LongAdder computeValue(Class<?> type) {
      return commandAdders.getOrDefault(type, otherCommands);
    }
  };
  private final Map<Class<?>, LongAdder> commandAdders = new LinkedHashMap<>();
  private final LongAdder otherCommands = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder membersJoined = new LongAdder();
  private final LongAdder membersLeft = new LongAdder();

  /** The per-listener counts: connections accepted, bytes read and written. */
  public record PerListener(LongAdder accepted, LongAdder bytesIn, LongAdder bytesOut) {
    PerListener() {
      this(new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  /** @param listenerCount the listeners of the server, in configuration order */
  public ChatCounters(int listenerCount) {
    listeners = new PerListener[listenerCount];
    Arrays.setAll(listeners, i -> new PerListener());
    for (Class<?> type : ClientMessage.class.getPermittedSubclasses()) {
      commandAdders.put(type, new LongAdder());
    }
    Map<String, LongAdder> byReason = new LinkedHashMap<>();
    for (String reason : closeReasons()) {
      byReason.put(reason, new LongAdder());
    }
    closes = Map.copyOf(byReason);
  }

  /** Every close reason counted apart: the server's own and every error code; the rest is {@link #OTHER}. */
  public static List<String> closeReasons() {
    List<String> reasons = new ArrayList<>(SERVER_REASONS);
    for (ErrorCode code : ErrorCode.values()) {
      if (!reasons.contains(code.wireName())) {
        reasons.add(code.wireName());
      }
    }
    return reasons;
  }

  public PerListener listener(int index) {
    return listeners[index];
  }

  public int listenerCount() {
    return listeners.length;
  }

  public void refused(Refusal refusal) {
    refused[refusal.ordinal()].increment();
  }

  long refusals(Refusal refusal) {
    return refused[refusal.ordinal()].sum();
  }

  public void roomRefused(RoomRefusal refusal) {
    roomsRefused[refusal.ordinal()].increment();
  }

  long roomRefusals(RoomRefusal refusal) {
    return roomsRefused[refusal.ordinal()].sum();
  }

  /** A TLS handshake failed (never on the chat path: once per refused connection). */
  public void tlsFailed(TlsFailure reason) {
    tlsFailures[reason.ordinal()].increment();
  }

  long tlsFailures(TlsFailure reason) {
    return tlsFailures[reason.ordinal()].sum();
  }

  /** A login was refused (once per refused {@code hello} or {@code refresh}; never on the chat path). */
  public void loginFailed(LoginFailure reason) {
    loginFailures[reason.ordinal()].increment();
  }

  /** Logins refused for {@code reason} so far. */
  public long loginFailures(LoginFailure reason) {
    return loginFailures[reason.ordinal()].sum();
  }

  /** A command decoded from a client (before rate limiting). */
  public void command(ClientMessage command) {
    commands.get(command.getClass()).increment();
  }

  /** The counter of each command type, by its wire name, in declaration order. */
  Map<String, LongAdder> commandsByType() {
    Map<String, LongAdder> byName = new LinkedHashMap<>();
    commandAdders.forEach((type, adder) -> byName.put(type.getSimpleName().toLowerCase(Locale.ROOT), adder));
    return byName;
  }

  public void errorSent(ErrorCode code) {
    errors[code.ordinal()].increment();
  }

  long errors(ErrorCode code) {
    return errors[code.ordinal()].sum();
  }

  /** A connection closed; {@code reason} outside {@link #closeReasons()} counts as {@link #OTHER}. */
  public void closed(String reason) {
    closes.getOrDefault(reason, closes.get(OTHER)).increment();
  }

  long closes(String reason) {
    return closes.get(reason).sum();
  }

  /** A {@code say} a room accepted (stored and broadcast). */
  public void messageAccepted() {
    messages.increment();
  }

  /** {@code say}s accepted since start. */
  public long messages() {
    return messages.sum();
  }

  /** Frames handed to recipients by broadcasts: a fanout adds once per loop group. */
  public LongAdder deliveries() {
    return deliveries;
  }

  public void memberJoined() {
    membersJoined.increment();
  }

  public void memberLeft() {
    membersLeft.increment();
  }

  /** Memberships now, all rooms together (joins minus leaves and quits). */
  public long members() {
    return membersJoined.sum() - membersLeft.sum();
  }

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    Arrays.setAll(adders, i -> new LongAdder());
    return adders;
  }
}
