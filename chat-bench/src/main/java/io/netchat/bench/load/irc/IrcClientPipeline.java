package io.netchat.bench.load.irc;

import io.netchat.bench.load.StampedDeliveryHandler;
import io.netchat.codec.HandlerNames;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;

/** Builds a generator connection's IRC pipeline: lines in (CR LF or bare LF), lines out. */
public final class IrcClientPipeline {
  /** Name of the outbound line encoder. */
  public static final String LINE_ENCODER = "ircLineEncoder";

  private IrcClientPipeline() {}

  /**
   * Adds the line decoder (at most {@link IrcLine#MAX_BYTES} a line), {@code deliveries} (which
   * times and drops stamped lines), the line encoder and {@code session}, in that order.
   */
  public static void install(ChannelPipeline pipeline, StampedDeliveryHandler deliveries, IrcSessionHandler session) {
    pipeline.addLast(HandlerNames.FRAME_DECODER, new LineBasedFrameDecoder(IrcLine.MAX_BYTES, true, false));
    pipeline.addLast(StampedDeliveryHandler.NAME, deliveries);
    pipeline.addLast(LINE_ENCODER, IrcLineEncoder.INSTANCE);
    pipeline.addLast("session", session);
  }
}
