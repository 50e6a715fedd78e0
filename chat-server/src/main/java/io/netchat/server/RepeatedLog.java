package io.netchat.server;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A log line that a client can make the server repeat (a refused connection, a global limit hit):
 * the first line of each cause is written at once, its repeats are only counted, and
 * {@link #flush} — called once per window — writes one summary line per cause that repeated.
 * So one address opening 14,000 refused connections in ten seconds costs two lines, not 14,000.
 *
 * <p>Bounded: at most {@code maxCauses} causes are told apart per window; past that, every new
 * cause is counted under one overflow line. Thread-safe; every method is short and never blocks
 * on I/O beyond the logger's own append.
 */
public final class RepeatedLog {
  static final String OVERFLOW = "(other causes)";

  private final Logger log;
  private final Level level;
  private final Duration window;
  private final int maxCauses;
  private final Map<String, Repeats> causes = new LinkedHashMap<>();

  /**
   * @param window how often {@link #flush} is called; named in the summary lines
   * @param maxCauses how many distinct causes one window tells apart
   */
  public RepeatedLog(Logger log, Level level, Duration window, int maxCauses) {
    if (maxCauses < 1) {
      throw new IllegalArgumentException("maxCauses must be positive: " + maxCauses);
    }
    this.log = log;
    this.level = level;
    this.window = window;
    this.maxCauses = maxCauses;
  }

  /** Logs {@code line} if {@code cause} has not been logged in this window, else counts it. */
  public void log(String cause, String line) {
    String first;
    synchronized (this) {
      Repeats repeats = causes.get(cause);
      if (repeats == null && causes.size() >= maxCauses) {
        cause = OVERFLOW;
        line = "more causes than the " + maxCauses + " told apart per " + seconds() + "; latest: " + line;
        repeats = causes.get(cause);
      }
      if (repeats != null) {
        repeats.count++;
        return;
      }
      causes.put(cause, new Repeats(line));
      first = line;
    }
    log.atLevel(level).log(first);
  }

  /** Writes one summary line per cause that repeated since the last flush, and starts a new window. */
  public void flush() {
    Map<String, Repeats> ended;
    synchronized (this) {
      if (causes.isEmpty()) {
        return;
      }
      ended = new LinkedHashMap<>(causes);
      causes.clear();
    }
    for (Iterator<Repeats> it = ended.values().iterator(); it.hasNext(); ) {
      Repeats repeats = it.next();
      if (repeats.count > 0) {
        log.atLevel(level).log("{} more like this in the last {}: {}", repeats.count, seconds(), repeats.first);
      }
    }
  }

  private String seconds() {
    return window.toSeconds() + " s";
  }

  private static final class Repeats {
    final String first;
    long count;

    Repeats(String first) {
      this.first = first;
    }
  }
}
