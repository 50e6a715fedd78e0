package io.netchat.codec;

/**
 * Fired by a server's session handler through the whole pipeline (from its head) once a
 * {@code hello} is accepted: the frame decoder then lifts its pre-hello frame limit
 * ({@link InboundPolicy#preHelloMaxFrameLength()}) to the listener's {@code max_frame_length}.
 */
public enum HelloAcceptedEvent {
  INSTANCE
}
