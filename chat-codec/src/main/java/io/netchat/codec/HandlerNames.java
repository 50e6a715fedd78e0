package io.netchat.codec;

/** Names of the pipeline handlers that {@link WireFormat#install} adds. */
public final class HandlerNames {
  /** The framing's {@link io.netty.handler.codec.ByteToMessageDecoder}. */
  public static final String FRAME_DECODER = "frameDecoder";
  /** Frame payload to message. */
  public static final String MESSAGE_DECODER = "messageDecoder";
  /** Message to framed bytes. */
  public static final String MESSAGE_ENCODER = "messageEncoder";

  private HandlerNames() {}
}
