package io.netchat.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code store} section of {@code server.yaml}:
 *
 * <pre>
 * store:
 *   type: sqlite            # sqlite | memory
 *   durability: commit      # commit | async
 *   data_dir: data          # or --data-dir; the database is data_dir/netchat.db
 *   queue_capacity: 4096    # appends waiting for the writer; beyond → error "unavailable"
 *   history_retention:
 *     max_age: 0s           # 0s = keep forever
 *     max_per_room: 0       # 0 = no count limit
 * </pre>
 *
 * @param type where state lives
 * @param durability when an append completes (see {@link ChatStore})
 * @param dataDir the directory holding {@code netchat.db} and its lock file (sqlite only)
 * @param queueCapacity bound of the writer's queue; each entry holds one message's text
 * @param historyRetention what the background pruner removes
 */
public record StoreConfig(
    Type type, Durability durability, Path dataDir, int queueCapacity, Retention historyRetention) {

  public static final Type DEFAULT_TYPE = Type.SQLITE;
  public static final Durability DEFAULT_DURABILITY = Durability.COMMIT;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** 4096 queued texts of at most 4096 chars stay under ~32 MiB of heap. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;
  public static final int MAX_QUEUE_CAPACITY = 1 << 20;
  public static final Retention DEFAULT_RETENTION = new Retention(Duration.ZERO, 0);

  /** The defaults: sqlite under {@code data/}, commit durability, history kept forever. */
  public static final StoreConfig DEFAULTS = new StoreConfig(
      DEFAULT_TYPE, DEFAULT_DURABILITY, DEFAULT_DATA_DIR, DEFAULT_QUEUE_CAPACITY, DEFAULT_RETENTION);

  public StoreConfig {
    Objects.requireNonNull(type, "store.type");
    Objects.requireNonNull(durability, "store.durability");
    Objects.requireNonNull(dataDir, "store.data_dir");
    Objects.requireNonNull(historyRetention, "store.history_retention");
    if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
      throw new IllegalArgumentException(
          "store.queue_capacity must be in 1.." + MAX_QUEUE_CAPACITY + ", got " + queueCapacity);
    }
    if (type == Type.SQLITE && dataDir.toString().isBlank()) {
      throw new IllegalArgumentException("store.data_dir must not be empty with store.type: sqlite");
    }
  }

  /** The defaults; the server's configuration binding lays {@code server.yaml} over them. */
  public static StoreConfig defaults() {
    return DEFAULTS;
  }

  /** This config with another type (tests and throw-away servers choose {@code memory}). */
  public StoreConfig withType(Type newType) {
    return new StoreConfig(newType, durability, dataDir, queueCapacity, historyRetention);
  }

  /** This config with another data directory (the {@code --data-dir} option). */
  public StoreConfig withDataDir(Path dir) {
    return new StoreConfig(type, durability, dir, queueCapacity, historyRetention);
  }

  /** Where state lives. */
  public enum Type {
    /** Nothing survives the process: today's behaviour, for tests and throw-away servers. */
    MEMORY,
    /** One SQLite file, {@code data_dir/netchat.db}, in WAL mode. */
    SQLITE;

    /** Parses a config value, naming the key in the error. */
    public static Type parse(String value) {
      return parseEnum(Type.class, "store.type", value);
    }
  }

  /** When an append completes; see {@link ChatStore} and {@code docs/STORE.md}. */
  public enum Durability {
    /** After the transaction that holds it committed ({@code synchronous=FULL}). */
    COMMIT,
    /** At once; committed by the writer shortly after ({@code synchronous=NORMAL}). */
    ASYNC;

    /** Parses a config value, naming the key in the error. */
    public static Durability parse(String value) {
      return parseEnum(Durability.class, "store.durability", value);
    }
  }

  /**
   * {@code history_retention}: messages older than {@code maxAge} or beyond the newest
   * {@code maxPerRoom} of their room are pruned in the background. Zero disables each rule.
   */
  public record Retention(Duration maxAge, int maxPerRoom) {

    public Retention {
      Objects.requireNonNull(maxAge, "store.history_retention.max_age");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException(
            "store.history_retention.max_age must be >= 0s, got " + maxAge);
      }
      if (maxPerRoom < 0) {
        throw new IllegalArgumentException(
            "store.history_retention.max_per_room must be >= 0, got " + maxPerRoom);
      }
    }

    /** Nothing is pruned. */
    public static Retention defaults() {
      return DEFAULT_RETENTION;
    }

    /** Whether any rule is set. */
    public boolean enabled() {
      return !maxAge.isZero() || maxPerRoom > 0;
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
    Objects.requireNonNull(value, key);
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : " | ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(key + " must be " + allowed + ", got \"" + value + "\"");
  }
}
