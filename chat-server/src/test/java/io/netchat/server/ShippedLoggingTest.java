package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The shipped logging set up in code is what logback makes of the shipped file; anything else is left to logback. */
class ShippedLoggingTest {
  private static final Path SHIPPED = Path.of("..", "config", "logback.xml");
  private final String configuredBefore = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
  private final LoggerContext code = new LoggerContext();
  private final LoggerContext xml = new LoggerContext();

  @AfterEach
  void restore() {
    code.stop();
    xml.stop();
    if (configuredBefore == null) {
      System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    } else {
      System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, configuredBefore);
    }
  }

  @Test
  void withoutALogDirectoryBothGiveTheConsoleOnly() throws Exception {
    new JoranConfigurator() {{ setContext(xml); }}.doConfigure(SHIPPED.toFile());
    ShippedLogging.apply(code, null);

    assertThat(describe(code)).isEqualTo(describe(xml))
        .isEqualTo("ROOT=INFO\nio.netty=INFO\nASYNC_CONSOLE started queue 8192 discarding 0 never blocks true -> "
            + "CONSOLE ConsoleAppender started " + ShippedLogging.PATTERN + "\n");
  }

  @Test
  void withALogDirectoryBothAddTheSameRollingFile(@TempDir Path logs) throws Exception {
    xml.putProperty(ShippedLogging.LOG_DIR, logs.toString());
    new JoranConfigurator() {{ setContext(xml); }}.doConfigure(SHIPPED.toFile());
    ShippedLogging.apply(code, logs.toString());

    assertThat(describe(code)).isEqualTo(describe(xml))
        .contains("ASYNC_FILE started queue 8192 discarding 0 never blocks true -> "
            + "FILE RollingFileAppender started " + ShippedLogging.PATTERN + " " + logs.resolve("netchat-server.log")
            + " SizeAndTimeBasedRollingPolicy " + logs + "/netchat-server.%d{yyyy-MM-dd}.%i.log.gz 14 50 MB 1 GB");
  }

  @Test
  void theShippedFileIsRecognisedByItsBytesOnly(@TempDir Path dir) throws Exception {
    assertThat(ShippedLogging.isShipped(SHIPPED.toString())).isTrue();
    Path copy = Files.copy(SHIPPED, dir.resolve("logback.xml"));
    assertThat(ShippedLogging.isShipped(copy.toString())).isTrue();
    Files.writeString(copy, Files.readString(SHIPPED).replace("level=\"INFO\"", "level=\"DEBUG\""));
    assertThat(ShippedLogging.isShipped(copy.toString())).as("an edited copy").isFalse();
    Files.writeString(copy, Files.readString(SHIPPED) + " ");
    assertThat(ShippedLogging.isShipped(copy.toString())).as("one byte longer").isFalse();
    assertThat(ShippedLogging.isShipped(dir.toString())).as("a directory").isFalse();
    assertThat(ShippedLogging.isShipped(dir.resolve("absent.xml").toString())).isFalse();
    assertThat(ShippedLogging.isShipped(SHIPPED.toUri().toString())).as("a URL: logback's business").isFalse();
    assertThat(ShippedLogging.isShipped(null)).isFalse();
  }

  @Test
  void configuresOnlyWhenLogbackIsPointedAtTheShippedFile(@TempDir Path dir) throws Exception {
    System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, SHIPPED.toString());
    ShippedLogging shipped = new ShippedLogging();
    shipped.setContext(code);
    assertThat(shipped.configure(code)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(describe(code)).contains("CONSOLE ConsoleAppender started");

    Path edited = dir.resolve("logback.xml");
    Files.writeString(edited, Files.readString(SHIPPED).replace("io.netty", "io.netty.channel"));
    System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, edited.toString());
    assertThat(shipped.configure(xml)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(describe(xml)).as("nothing set up (a new context's root): logback reads the edited file")
        .isEqualTo("ROOT=DEBUG\n");

    System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    assertThat(shipped.configure(xml)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
  }

  /**
   * The levels set, and each root appender: its queue (size, discarding, blocking), then the appender
   * behind it: name, class, started, pattern, and a rolling file's policy.
   */
  private static String describe(LoggerContext context) throws Exception {
    StringBuilder out = new StringBuilder();
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        out.append(logger.getName()).append('=').append(logger.getLevel()).append('\n');
      }
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      if (appender instanceof AsyncAppender queue) {
        out.append(queue.getName()).append(' ').append(queue.isStarted() ? "started" : "stopped")
            .append(" queue ").append(queue.getQueueSize()).append(" discarding ").append(queue.getDiscardingThreshold())
            .append(" never blocks ").append(queue.isNeverBlock()).append(" -> ");
        Iterator<Appender<ILoggingEvent>> behind = queue.iteratorForAppenders();
        appender = behind.next();
        assertThat(behind.hasNext()).as("one appender behind " + queue.getName()).isFalse();
      }
      out.append(appender.getName()).append(' ').append(appender.getClass().getSimpleName())
          .append(appender.isStarted() ? " started " : " stopped ")
          .append(((PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder()).getPattern());
      if (appender instanceof RollingFileAppender<ILoggingEvent> file
          && file.getRollingPolicy() instanceof SizeAndTimeBasedRollingPolicy<?> policy) {
        out.append(' ').append(file.getFile()).append(' ').append(policy.getClass().getSimpleName())
            .append(' ').append(policy.getFileNamePattern()).append(' ').append(policy.getMaxHistory())
            .append(' ').append(field(policy, SizeAndTimeBasedRollingPolicy.class, "maxFileSize"))
            .append(' ').append(field(policy, TimeBasedRollingPolicy.class, "totalSizeCap"));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static Object field(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
    Field field = declaring.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }
}
