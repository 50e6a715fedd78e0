package io.netchat.server;

import io.netchat.codec.InboundPolicy;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.server.irc.IrcHandler;
import io.netchat.server.irc.IrcListener;
import io.netchat.server.metrics.ConnectionMetrics;
import io.netchat.server.metrics.ListenerTraffic;
import io.netchat.server.tls.ListenerTls;
import io.netchat.server.tls.TlsFailureLog;
import io.netchat.server.tls.TlsOnPlaintextGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds one listener's connection pipeline:
 * {@code traffic → (tls → tlsFailures) | tlsGuard → idle → frameDecoder → messageDecoder → messageEncoder → [irc] → metrics → session}
 * ({@code irc}: an IRC listener's translator, {@link IrcHandler}).
 * The two counting handlers sit where they see bytes (the head: the bytes on the socket, encrypted
 * on a TLS listener) and messages (before the session); broadcast frames are written below
 * {@code metrics} and pass only {@code tls} and {@code traffic}. A TLS listener decrypts before any
 * limit or decoder sees a byte; a plaintext one closes a connection that starts a TLS handshake
 * ({@link TlsOnPlaintextGuard}).
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {
  /** Handler names of the server pipeline, beyond the codec's {@link io.netchat.codec.HandlerNames}. */
  static final String IDLE = "idle";
  static final String SESSION = "session";
  static final String TLS = "tls";

  private final ServerContext context;
  private final CommandDispatcher dispatcher;
  private final int listenerIndex;
  private final InboundPolicy inbound;
  private final ListenerTraffic traffic;
  private final ListenerTls tls;
  private final TlsFailureLog tlsFailures;
  private final IrcListener irc;

  /**
   * @param inbound shared by every listener: its budget bounds all connections together
   * @param tls the listener's certificates, or {@code null} for a plaintext listener
   */
  ServerChannelInitializer(ServerContext context, CommandDispatcher dispatcher, int listenerIndex,
      InboundPolicy inbound, ListenerTls tls) {
    this(context, dispatcher, listenerIndex, inbound, tls, null);
  }

  /** @param irc the listener's IRC translation, or {@code null} for a netchat listener */
  ServerChannelInitializer(ServerContext context, CommandDispatcher dispatcher, int listenerIndex,
      InboundPolicy inbound, ListenerTls tls, IrcListener irc) {
    this.irc = irc;
    this.context = context;
    this.dispatcher = dispatcher;
    this.listenerIndex = listenerIndex;
    this.inbound = inbound;
    this.tls = tls;
    this.tlsFailures = new TlsFailureLog(context.refusals(), context.counters());
    this.traffic = new ListenerTraffic(context.counters().listener(listenerIndex));
  }

  @Override
  protected void initChannel(Channel channel) {
    long idleMillis = context.config().timeouts().idle().toMillis();
    channel.pipeline().addLast(ListenerTraffic.NAME, traffic);
    if (tls != null) {
      // The handshake is part of the hello deadline too (it starts when the connection opens).
      long handshakeMillis = context.config().timeouts().hello().toMillis();
      channel.pipeline().addLast(TLS, tls.newHandler(channel.alloc(), handshakeMillis));
      channel.pipeline().addLast(TlsFailureLog.NAME, tlsFailures);
    } else {
      channel.pipeline().addLast(TlsOnPlaintextGuard.NAME, new TlsOnPlaintextGuard(context.refusals()));
    }
    channel.pipeline().addLast(IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    context.format(listenerIndex).install(channel.pipeline(), Side.SERVER, inbound);
    WireFormat answers = null;
    if (irc != null) {
      IrcHandler translator = irc.newHandler();
      channel.pipeline().addLast(IrcHandler.NAME, translator);
      answers = translator.answerFormat();
    }
    channel.pipeline().addLast(ConnectionMetrics.NAME, new ConnectionMetrics(context.counters()));
    channel.pipeline().addLast(SESSION, new SessionHandler(context, dispatcher, listenerIndex, answers));
  }
}
