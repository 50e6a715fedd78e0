package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.Framing;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.TranslatedCommand;
import io.netchat.codec.WireFormat;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Translates one IRC connection, between the IRC codec and the session: each inbound
 * {@link IrcMessage} goes up as a {@link TranslatedCommand} (so flood control, holding and
 * command order are the session's, as on every listener) and is carried out by its
 * {@link IrcCommands} entry; each {@link ServerMessage} the session writes goes down as the IRC
 * lines of {@link IrcAnswers}. Broadcasts never pass here: they are framed by the fanout in the
 * connection's {@link IrcCodec} format and written below the encoder.
 */
public final class IrcHandler extends ChannelDuplexHandler {
  /** The handler's name in the pipeline, between the message encoder and the metrics. */
  public static final String NAME = "irc";

  private final IrcCommands commands;
  private final IrcConnection irc;
  private final WireFormat answerFormat;
  private ScheduledFuture<?> registrationDeadline;

  /**
   * @param formatIndexes the fanout format index of each {@link IrcRender.Tags} combination
   */
  public IrcHandler(IrcCommands commands, IrcServerInfo info, int[] formatIndexes) {
    this.commands = commands;
    this.irc = new IrcConnection(info, formatIndexes);
    // never cut to fit a frame: a page of names is bounded by max_list_page, and is several lines anyway
    this.answerFormat = new WireFormat(Framing.IRC, new IrcAnswerCodec(irc), Integer.MAX_VALUE);
  }

  /** The format the session frames answers in ahead of time: rendered for this connection's nick. */
  public WireFormat answerFormat() {
    return answerFormat;
  }

  IrcConnection connection() {
    return irc;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      armDeadline(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    armDeadline(ctx);
    ctx.fireChannelActive();
  }

  /** Registration (001) must end within the hello deadline, however long CAP negotiation or SASL take. */
  private void armDeadline(ChannelHandlerContext ctx) {
    irc.loop(ctx.executor());
    if (registrationDeadline == null) {
      registrationDeadline = ctx.executor().schedule(() -> {
        if (!irc.registered() && ctx.channel().isActive()) {
          ctx.writeAndFlush(IrcMessage.of(null, "ERROR", "Closing link (registration timed out)"))
              .addListener(ChannelFutureListener.CLOSE);
        }
      }, irc.info().helloTimeoutMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (registrationDeadline != null) {
      registrationDeadline.cancel(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof IrcMessage line) {
      if (line.command().equals("PONG")) {
        ctx.fireChannelRead(new ClientMessage.Pong(null)); // liveness, never charged to flood control
      } else {
        ctx.fireChannelRead((TranslatedCommand) sink -> irc.run(commands, line, sink));
      }
      return;
    }
    ctx.fireChannelRead(msg); // a DecodeFailure: the session answers it (417 for an over-long line)
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ServerMessage message)) {
      ctx.write(msg, promise); // an IRC line, or bytes framed ahead of time
      return;
    }
    List<IrcMessage> lines = IrcSessionEvents.lines(irc, message);
    if (lines.isEmpty()) {
      promise.trySuccess();
    } else {
      for (int i = 0; i < lines.size() - 1; i++) {
        ctx.write(lines.get(i), ctx.voidPromise());
      }
      ctx.write(lines.get(lines.size() - 1), promise);
    }
    IrcSessionEvents.after(irc, message);
  }
}
