package io.netchat.codec;

import java.time.Duration;

/**
 * Fired by a frame decoder when a frame stayed incomplete for longer than
 * {@link InboundPolicy#frameTimeout()}. The decoder has dropped the partial frame and discards
 * every later byte; the handler that receives this closes the connection.
 *
 * @param heldBytes bytes of the incomplete frame that were dropped
 * @param timeout the deadline that passed
 */
public record FrameTimeoutEvent(int heldBytes, Duration timeout) {
  @Override
  public String toString() {
    return "no complete frame within " + timeout.toMillis() + " ms (" + heldBytes + " bytes of a partial frame)";
  }
}
