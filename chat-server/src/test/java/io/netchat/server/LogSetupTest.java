package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.server.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** logging.format switches every root appender between its pattern and JSON lines, both ways. */
class LogSetupTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private Level levelBefore;

  @BeforeEach
  void attach() {
    levelBefore = root.getLevel();
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern("TEXT %level %msg%n");
    pattern.start();
    appender.setContext(context);
    appender.setEncoder(pattern);
    appender.setOutputStream(out);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void detach() {
    root.detachAppender(appender);
    root.setLevel(levelBefore);
  }

  @Test
  void jsonThenTextAgain() throws Exception {
    LogSetup setup = new LogSetup();
    Logger log = LoggerFactory.getLogger("netchat.test");

    setup.apply(new LoggingConfig("info", LoggingConfig.JSON));
    log.info("as json {}", 1);
    JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("loggerName").asText()).isEqualTo("netchat.test");
    assertThat(line.get("formattedMessage").asText()).isEqualTo("as json 1");

    out.reset();
    setup.apply(new LoggingConfig("warn", LoggingConfig.TEXT));
    log.info("dropped: below warn");
    log.warn("as text");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("TEXT WARN as text" + System.lineSeparator());
  }

  /** The shipped configuration puts each appender behind a queue (AsyncAppender): the format reaches it there. */
  @Test
  void anAppenderBehindAQueueIsSwitchedToo() throws Exception {
    ByteArrayOutputStream queuedOut = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> behind = new OutputStreamAppender<>();
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern("TEXT %msg%n");
    pattern.start();
    behind.setContext(context);
    behind.setEncoder(pattern);
    behind.setOutputStream(queuedOut);
    behind.start();
    AsyncAppender queue = new AsyncAppender();
    queue.setContext(context);
    queue.addAppender(behind);
    queue.start();
    root.addAppender(queue);
    try {
      new LogSetup().apply(new LoggingConfig("info", LoggingConfig.JSON));
      LoggerFactory.getLogger("netchat.test").info("queued {}", 2);
      queue.stop(); // writes out what the queue holds

      JsonNode line = new ObjectMapper().readTree(queuedOut.toString(StandardCharsets.UTF_8).strip());
      assertThat(line.get("formattedMessage").asText()).isEqualTo("queued 2");
    } finally {
      root.detachAppender(queue);
    }
  }
}
