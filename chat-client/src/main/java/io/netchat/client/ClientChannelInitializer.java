package io.netchat.client;

import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds a client pipeline: idle detection → frame decoder → message decoder → message encoder
 * (chat-codec's {@link WireFormat}, as on the server) → {@link ClientHandler}.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Name of the reader-idle detector. */
  static final String IDLE = "idle";
  /** Name of the last handler. */
  static final String CLIENT = "client";

  private final WireFormat format;
  private final long idleMillis;
  private final ClientHandler.Callbacks callbacks;

  ClientChannelInitializer(WireFormat format, Duration idleTimeout, ClientHandler.Callbacks callbacks) {
    this.format = format;
    this.idleMillis = idleTimeout.toMillis();
    this.callbacks = callbacks;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline().addLast(IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    format.install(ch.pipeline(), Side.CLIENT);
    ch.pipeline().addLast(CLIENT, new ClientHandler(callbacks));
  }
}
