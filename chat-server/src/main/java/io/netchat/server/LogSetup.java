package io.netchat.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.netchat.server.config.LoggingConfig;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging} from {@code server.yaml} to Logback (the daemon's SLF4J binding): the
 * root level, and the format of every appender of the root logger — {@code json} swaps each
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
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        configured.putIfAbsent(appender, appender.getEncoder());
        Encoder<ILoggingEvent> wanted = LoggingConfig.JSON.equals(logging.format())
            ? json.computeIfAbsent(appender, a -> jsonEncoder(context)) : configured.get(appender);
        if (appender.getEncoder() != wanted) {
          appender.setEncoder(wanted);
        }
      }
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
