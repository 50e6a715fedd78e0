package io.netchat.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * Logback's first configurator (found through {@code META-INF/services}): when the file logback is
 * pointed at ({@code -Dlogback.configurationFile}, as {@code bin/netchat-server} does) is byte for
 * byte the shipped {@code config/logback.xml} (a copy rides in the jar), it sets up what that file
 * says in code — a console appender, and a rolling file under {@code NETCHAT_LOG_DIR} when that is
 * set, each behind an {@link AsyncAppender} — and logback never parses XML, which took ~0.2 s of every start. Any other file, an edited
 * one included, goes to logback's own XML configurator as before. {@code ShippedLoggingTest} checks
 * that both give the same loggers, appenders, patterns and rolling policy.
 */
public final class ShippedLogging extends ContextAwareBase implements Configurator {
  /** The copy of {@code config/logback.xml} the build puts in the jar, beside this class. */
  static final String SHIPPED = "logback.xml";
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
  static final String LOG_DIR = "NETCHAT_LOG_DIR";
  /** Events each appender's queue holds (the shipped file's {@code queueSize}). */
  static final int QUEUE = 8192;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (!isShipped(System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context, logDir(context));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** What the shipped file configures, with the rolling file under {@code logDir} (null: none). */
  static void apply(LoggerContext context, String logDir) {
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    context.getLogger("io.netty").setLevel(Level.INFO);
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder(context));
    console.start();
    root.addAppender(queued(context, "ASYNC_CONSOLE", console));
    if (logDir != null) {
      RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
      file.setContext(context);
      file.setName("FILE");
      file.setFile(logDir + "/netchat-server.log");
      SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
      rolling.setContext(context);
      rolling.setFileNamePattern(logDir + "/netchat-server.%d{yyyy-MM-dd}.%i.log.gz");
      rolling.setMaxFileSize(FileSize.valueOf("50MB"));
      rolling.setMaxHistory(14);
      rolling.setTotalSizeCap(FileSize.valueOf("1GB"));
      rolling.setParent(file);
      rolling.start();
      file.setRollingPolicy(rolling);
      file.setEncoder(encoder(context));
      file.start();
      root.addAppender(queued(context, "ASYNC_FILE", file));
    }
  }

  /**
   * {@code appender} behind a queue of {@value #QUEUE} events and a thread of its own, which never
   * blocks the caller: an event loop that logs never waits on the console or the disk, and when the
   * queue is full (the journal or the disk stalled) further events are dropped.
   */
  private static AsyncAppender queued(LoggerContext context, String name, Appender<ILoggingEvent> appender) {
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName(name);
    async.setQueueSize(QUEUE);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(true);
    async.addAppender(appender);
    async.start();
    return async;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  /** {@code NETCHAT_LOG_DIR} as the shipped file's condition finds it: context, system property, environment. */
  private static String logDir(LoggerContext context) {
    String dir = context.getProperty(LOG_DIR);
    if (dir == null) {
      dir = System.getProperty(LOG_DIR);
    }
    return dir != null ? dir : System.getenv(LOG_DIR);
  }

  /** Whether {@code configured} names a file whose bytes are the shipped configuration's. */
  static boolean isShipped(String configured) {
    if (configured == null) {
      return false;
    }
    try (InputStream copy = ShippedLogging.class.getResourceAsStream(SHIPPED)) {
      Path file = Path.of(configured);
      if (copy == null || !Files.isRegularFile(file)) {
        return false;
      }
      byte[] shipped = copy.readAllBytes();
      return Files.size(file) == shipped.length && Arrays.equals(shipped, Files.readAllBytes(file));
    } catch (IOException | InvalidPathException | SecurityException e) {
      return false; // a URL, a resource name or an unreadable file: logback's own configurator decides
    }
  }
}
