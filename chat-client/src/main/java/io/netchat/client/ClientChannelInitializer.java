package io.netchat.client;

import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds a client pipeline: TLS (when configured) → idle detection → frame decoder → message decoder → message encoder
 * (chat-codec's {@link WireFormat}, as on the server) → {@link ClientHandler}.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Name of the reader-idle detector. */
  static final String IDLE = "idle";
  /** Name of the last handler. */
  static final String CLIENT = "client";
  /** Name of the TLS handler, first in the pipeline when present. */
  static final String TLS = "tls";

  private final WireFormat format;
  private final long idleMillis;
  private final ClientHandler.Callbacks callbacks;
  private final ClientConfig config;
  private final ClientTlsContext tls;

  ClientChannelInitializer(WireFormat format, ClientConfig config, ClientHandler.Callbacks callbacks) {
    this.format = format;
    this.idleMillis = config.idleTimeout().toMillis();
    this.callbacks = callbacks;
    this.config = config;
    this.tls = config.tls() == null ? null : ClientTlsContext.of(config.tls());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc(), config.host(), config.port(),
          config.connectTimeout().toMillis()));
    }
    ch.pipeline().addLast(IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    format.install(ch.pipeline(), Side.CLIENT);
    ch.pipeline().addLast(CLIENT, new ClientHandler(callbacks));
  }
}
