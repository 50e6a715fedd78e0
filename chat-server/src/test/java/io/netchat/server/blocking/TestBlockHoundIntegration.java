package io.netchat.server.blocking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass on an event loop in the tests: log output. The shipped
 * configuration and the jar's fallback (which the tests use) hand each event to a Logback
 * {@code AsyncAppender}, whose queue takes a short lock (a park, were it contended) and never
 * waits for room; an appender a test attaches itself may write to a stream. Everything else that
 * blocks on an event loop fails the test.
 */
public final class TestBlockHoundIntegration implements BlockHoundIntegration {
  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "put");
    builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend");
    builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes");
    builder.allowBlockingCallsInside("ch.qos.logback.core.UnsynchronizedAppenderBase", "doAppend");
  }
}
