package io.netchat.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.netchat.server.config.LoggingConfig;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging} from {@code server.yaml} to Logback (the daemon's SLF4J binding): the
 * root level, and the format of every appender of the root logger (behind its queue, if it has one) —
 * {@code json} swaps each
 * appender's encoder for Logback's {@link JsonEncoder}, {@code text} puts back the one
 * {@code logback.xml} gave it. Applied at start-up and on every reload. Does nothing under another
 * SLF4J binding.
 */
final class LogSetup {
  private final Map<Appender<ILoggingEvent>, Encoder<ILoggingEvent>> configured = new IdentityHashMap<>();
  private final Map<Appender<ILoggingEvent>, JsonEncoder> json = new IdentityHashMap<>();

  synchronized void apply(LoggingConfig logging) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(logging.level(), Level.INFO));
    for (OutputStreamAppender<ILoggingEvent> appender : writers(root.iteratorForAppenders())) {
      configured.putIfAbsent(appender, appender.getEncoder());
      Encoder<ILoggingEvent> wanted = LoggingConfig.JSON.equals(logging.format())
          ? json.computeIfAbsent(appender, a -> jsonEncoder(context)) : configured.get(appender);
      if (appender.getEncoder() != wanted) {
        appender.setEncoder(wanted);
      }
    }
  }

  /** The appenders that write, among {@code appenders} and behind the queues (AsyncAppender) among them. */
  private static List<OutputStreamAppender<ILoggingEvent>> writers(Iterator<Appender<ILoggingEvent>> appenders) {
    List<OutputStreamAppender<ILoggingEvent>> writers = new ArrayList<>();
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> appender = appenders.next();
      if (appender instanceof OutputStreamAppender<ILoggingEvent> writer) {
        writers.add(writer);
      } else if (appender instanceof AppenderAttachable<?> queue) {
        @SuppressWarnings("unchecked") // attached to an ILoggingEvent appender: appenders of the same events
        Iterator<Appender<ILoggingEvent>> behind = ((AppenderAttachable<ILoggingEvent>) queue).iteratorForAppenders();
        writers.addAll(writers(behind));
      }
    }
    return writers;
  }

  /**
   * Writes out what the appenders' queues still hold and stops logging: the last thing the daemon's
   * process does (its main thread after the run, its shutdown hook after the server closed), so that
   * the lines of the shutdown itself are not lost with the queues' daemon threads.
   */
  static void stopLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  private static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true); // the line as text beside the template and its arguments
    encoder.start();
    return encoder;
  }
}
