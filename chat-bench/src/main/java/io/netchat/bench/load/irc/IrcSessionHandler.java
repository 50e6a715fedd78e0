package io.netchat.bench.load.irc;

import io.netchat.bench.load.ConnectionPlan;
import io.netchat.bench.load.ErrorCounts;
import io.netchat.bench.load.SessionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The session of a generator connection to an IRC server. Registers as {@code plan.nick()}
 * ({@code CAP LS 302}, {@code NICK}, {@code USER}; {@code CAP REQ :server-time} when the server
 * offers it; {@code CAP END}), joins {@code #room} once welcomed ({@code 001}) and completes the
 * handshake on the end of the channel's names ({@code 366}). Answers {@code PING}. An
 * {@code ERROR} or an error numeric counts as {@code irc:<command>} and fails a handshake still
 * running; a server without {@code CAP} (its {@code 421} for it) and a missing MOTD ({@code 422})
 * are not errors. Lines arrive as frames without CR LF; room deliveries were timed and dropped
 * before this handler.
 */
public final class IrcSessionHandler extends SessionHandler {
  private static final int RPL_WELCOME = 1;
  private static final int RPL_ENDOFNAMES = 366;
  private static final int ERR_UNKNOWNCOMMAND = 421;
  private static final int ERR_NOMOTD = 422;

  private final String channel;
  private boolean capabilitiesEnded;
  private boolean serverTimeOffered;

  /**
   * @param closing true once the run is shutting down, when closes are expected
   */
  public IrcSessionHandler(ConnectionPlan plan, Promise<Void> handshake, ErrorCounts errors, BooleanSupplier closing) {
    super(plan, handshake, errors, closing);
    this.channel = IrcCommands.channel(plan.room());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.write("CAP LS 302");
    for (String line : IrcCommands.register(plan.nick())) {
      ctx.write(line);
    }
    ctx.flush();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof ByteBuf frame) {
        on(ctx, IrcLine.parse(frame.toString(StandardCharsets.UTF_8)));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void on(ChannelHandlerContext ctx, IrcLine line) {
    switch (line.command()) {
      case "PING" -> ctx.writeAndFlush(IrcCommands.pong(line.last()));
      case "CAP" -> onCap(ctx, line);
      case "ERROR" -> refused("irc:ERROR", "ERROR " + line.last());
      default -> onNumeric(ctx, line, line.numeric());
    }
  }

  /** {@code CAP * LS [*] :caps} (the {@code *} before the list: more lines follow), {@code ACK}, {@code NAK}. */
  private void onCap(ChannelHandlerContext ctx, IrcLine line) {
    String sub = line.param(1);
    if (sub.equals("LS")) {
      serverTimeOffered |= Arrays.stream(line.last().split(" "))
          .anyMatch(cap -> cap.equals(IrcCommands.SERVER_TIME) || cap.startsWith(IrcCommands.SERVER_TIME + "="));
      boolean more = line.params().size() > 3 && line.param(2).equals("*");
      if (!more && serverTimeOffered) {
        ctx.writeAndFlush("CAP REQ :" + IrcCommands.SERVER_TIME);
      } else if (!more) {
        endCapabilities(ctx);
      }
    } else if (sub.equals("ACK") || sub.equals("NAK")) {
      endCapabilities(ctx);
    }
  }

  private void endCapabilities(ChannelHandlerContext ctx) {
    if (!capabilitiesEnded) {
      capabilitiesEnded = true;
      ctx.writeAndFlush("CAP END");
    }
  }

  private void onNumeric(ChannelHandlerContext ctx, IrcLine line, int numeric) {
    if (numeric == RPL_WELCOME) {
      ctx.writeAndFlush("JOIN " + channel);
    } else if (numeric == RPL_ENDOFNAMES && line.param(1).equalsIgnoreCase(channel)) {
      handshake.trySuccess(null);
    } else if (numeric >= 400 && numeric < 600 && numeric != ERR_NOMOTD
        && !(numeric == ERR_UNKNOWNCOMMAND && line.param(1).equalsIgnoreCase("CAP"))) {
      refused("irc:" + line.command(), line.command() + " " + String.join(" ", line.params()));
    }
  }
}
