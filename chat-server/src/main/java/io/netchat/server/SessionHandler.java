package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.DecodeFailure;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.FrameTimeoutEvent;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.TranslatedCommand;
import io.netchat.codec.WireFormat;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.TimeoutsConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a server pipeline: one instance per connection. It admits the connection
 * (connection limits), enforces the hello deadline, flood control and the heartbeat, answers
 * undecodable frames with a typed error, passes commands to the {@link CommandDispatcher}, and
 * cleans up (presence {@code quit}, nick, counts) when the connection ends.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

  /** Commands held while an earlier one waits for the store or a hash; more are refused (unavailable). */
  static final int MAX_HELD = 64;

  private final ServerContext context;
  private final CommandDispatcher dispatcher;
  private final int listenerIndex;
  private Session session;
  private InetAddress admittedAddress;
  private boolean admitted;
  private TokenBucket bucket;
  private int rejectedInARow;
  private boolean awaitingPong;
  private long pingCount;
  private ScheduledFuture<?> deadline;
  /** The format answers framed ahead of time are written in: the listener's, or a translating listener's own. */
  private final WireFormat answerFormat;
  private final TranslatedCommand.Sink sink = new Sink();

  SessionHandler(ServerContext context, CommandDispatcher dispatcher, int listenerIndex) {
    this(context, dispatcher, listenerIndex, null);
  }

  /** @param answerFormat the connection's own format for answers (an IRC connection's), or null: the listener's */
  SessionHandler(ServerContext context, CommandDispatcher dispatcher, int listenerIndex, WireFormat answerFormat) {
    this.context = context;
    this.dispatcher = dispatcher;
    this.listenerIndex = listenerIndex;
    this.answerFormat = answerFormat;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      activate(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    activate(ctx);
    ctx.fireChannelActive();
  }

  private void activate(ChannelHandlerContext ctx) {
    if (session != null) {
      return;
    }
    LimitsConfig limits = context.config().limits();
    session = new Session(context.nextSessionId(), ctx.channel(), listenerIndex,
        answerFormat != null ? answerFormat : context.format(listenerIndex),
        context.flusherFor(ctx.channel().eventLoop()), limits.maxOutboundBytes());
    session.replayHeldWith(() -> replayHeld(ctx));
    bucket = new TokenBucket(limits.messagesPerSecond(), limits.burst(), now(ctx));
    admittedAddress = addressOf(ctx.channel().remoteAddress());
    boolean stopping = context.shuttingDown();
    String refusal = stopping ? context.refuseWhileShuttingDown() : context.limiter().tryAcquire(admittedAddress);
    if (refusal != null) {
      context.refusals().log(refusal, "refused connection from " + ctx.channel().remoteAddress() + ": " + refusal);
      session.send(new ServerMessage.Error(null, stopping ? ErrorCode.SHUTTING_DOWN : ErrorCode.LIMIT_REACHED, refusal));
      session.close(stopping ? ByeCode.SHUTTING_DOWN : ByeCode.LIMIT_REACHED, closeGrace());
      return;
    }
    admitted = true;
    context.sessions().add(session);
    TimeoutsConfig timeouts = context.config().timeouts();
    deadline = ctx.executor().schedule(() -> {
      if (session.nick() == null) {
        log.debug("{} sent no hello within {}", session, timeouts.hello());
        session.close(ByeCode.HELLO_TIMEOUT, closeGrace());
      }
    }, timeouts.hello().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!admitted || session.isClosing()) {
        return;
      }
      awaitingPong = false;
      if (msg instanceof ClientMessage.Pong) {
        return;
      }
      long now = now(ctx);
      if (!bucket.tryTake(now)) {
        rateLimited(msg, now);
        return;
      }
      rejectedInARow = 0;
      if (session.paused()
          && (msg instanceof DecodeFailure || msg instanceof ClientMessage || msg instanceof TranslatedCommand)) {
        hold(msg);
      } else {
        handle(ctx, msg);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** A command or a frame that failed to decode, in the order they arrived. */
  private void handle(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DecodeFailure failure) {
      refuse(failure);
    } else if (msg instanceof ClientMessage command) {
      run(command);
    } else if (msg instanceof TranslatedCommand translated) {
      translated.run(sink);
    } else {
      log.warn("unexpected inbound {} on {}", msg.getClass().getName(), session);
    }
  }

  private void run(ClientMessage command) {
    dispatcher.dispatch(session, command);
    if (deadline != null && session.nick() != null) {
      deadline.cancel(false); // a hello answered later (a hash, a token check) leaves it: it finds the nick set
      deadline = null;
    }
  }

  /**
   * An earlier command waits for the store or a hash: this one (or this undecodable frame) is
   * answered after it, in arrival order. Past {@link #MAX_HELD} a command is refused at once.
   */
  private void hold(Object msg) {
    if (session.hold(msg, MAX_HELD)) {
      return;
    }
    if (msg instanceof ClientMessage || msg instanceof TranslatedCommand) {
      ClientMessage command = msg instanceof ClientMessage c ? c : null;
      session.answer(new ServerMessage.Error(command == null ? null : command.id(), ErrorCode.UNAVAILABLE.wireName(),
          "more than " + MAX_HELD + " commands wait behind one the server is still answering; this one was dropped",
          command == null ? null : ClientMessage.typeName(command), true, null, null));
    } else {
      refuse((DecodeFailure) msg);
    }
  }

  /** Runs what was held while the session was paused, in order, until a command pauses it again. */
  private void replayHeld(ChannelHandlerContext ctx) {
    Object next;
    try {
      while (!session.paused() && !session.isClosing() && ctx.channel().isActive()
          && (next = session.nextHeld()) != null) {
        handle(ctx, next);
      }
    } catch (RuntimeException e) {
      exceptionCaught(ctx, e);
    }
  }

  private void refuse(DecodeFailure failure) {
    ServerMessage.Error error = ServerMessage.Error.of(failure.error());
    if (failure.error().code() == ErrorCode.LIMIT_REACHED) {
      error = error.limited(MemoryPlan.INBOUND, null); // the only limit a frame decoder reaches
    }
    session.answer(error);
    if (failure.fatal()) {
      log.info("closing {}: {}", session, failure.error().getMessage());
      String reason = failure.error().code().wireName(); // the v1 reason: the error's code
      ByeCode code = ByeCode.fromWire(reason);
      closeAfterAnswers(ServerMessage.Bye.of(code == null ? ByeCode.BAD_FRAME : code, reason));
    }
  }

  private void closeAfterAnswers(ServerMessage.Bye bye) {
    session.afterAnswers(() -> session.close(bye, closeGrace()));
  }

  private void rateLimited(Object msg, long nowNanos) {
    rejectedInARow++;
    LimitsConfig limits = context.config().limits();
    if (rejectedInARow >= limits.floodDisconnectAfter()) {
      log.warn("closing {}: flooding ({} commands refused in a row)", session, rejectedInARow);
      closeAfterAnswers(ServerMessage.Bye.of(ByeCode.FLOODING));
      return;
    }
    if (msg instanceof DecodeFailure failure && failure.fatal()) {
      refuse(failure);
      return;
    }
    String id = msg instanceof ClientMessage command ? command.id() : null;
    String type = msg instanceof ClientMessage command ? ClientMessage.typeName(command)
        : msg instanceof DecodeFailure failure ? failure.error().command() : null;
    long retryAfterMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(bucket.nanosUntilToken(nowNanos) + 999_999));
    session.answer(new ServerMessage.Error(id, ErrorCode.RATE_LIMITED.wireName(),
        "more than " + limits.messagesPerSecond() + " commands per second; this one was dropped",
        type, true, retryAfterMillis, null));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof FrameTimeoutEvent timeout && admitted) {
      log.info("closing {}: {}", session, timeout);
      session.close(ByeCode.FRAME_TIMEOUT, closeGrace());
      return;
    }
    if (evt instanceof IdleStateEvent && admitted && !session.isClosing()) {
      if (awaitingPong) {
        return;
      }
      awaitingPong = true;
      session.send(new ServerMessage.Ping("srv-" + (++pingCount)));
      long pongMillis = context.config().timeouts().pong().toMillis();
      ctx.executor().schedule(() -> {
        if (awaitingPong && ctx.channel().isActive()) {
          log.info("closing {}: no answer to ping within {} ms", session, pongMillis);
          session.close(ByeCode.PING_TIMEOUT, closeGrace());
        }
      }, pongMillis, TimeUnit.MILLISECONDS);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // A client that does not read its answers is not read from either, until it catches up.
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (admitted) {
      admitted = false;
      context.sessions().remove(session);
      if (session.resumable() && !session.isClosing()) {
        // dropped, not sent away: held for hello{resume} for timeouts.pong (docs/PROTOCOL.md §12.8)
        ctx.executor().schedule(this::endSession, context.config().timeouts().pong().toMillis(),
            TimeUnit.MILLISECONDS);
      } else {
        endSession();
      }
    }
    ctx.fireChannelInactive();
  }

  /**
   * The session is over: its nick is free, its rooms see it quit (a no-op for what a resume took
   * over), and its connection slot is free. A held session keeps its slot, so that the connection
   * limits bound held sessions too.
   */
  private void endSession() {
    context.limiter().release(admittedAddress);
    context.users().unregister(session);
    for (String room : session.rooms().all()) {
      context.rooms().quit(session, room);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", session, cause.toString());
      ctx.close();
      return;
    }
    log.warn("closing {} after an internal error", session, cause);
    if (session != null) {
      session.close(ByeCode.INTERNAL_ERROR, closeGrace());
    } else {
      ctx.close();
    }
  }

  /** How a translated command (IRC) reaches its session: the session's own paths, on its loop. */
  private final class Sink implements TranslatedCommand.Sink {
    @Override
    public void dispatch(ClientMessage command) {
      run(command);
    }

    @Override
    public void answer(Object message) {
      session.answer(message);
    }

    @Override
    public void deliverAs(int formatIndex, boolean echo) {
      if (formatIndex == session.formatIndex() && echo == session.echoes()) {
        return;
      }
      session.deliverAs(formatIndex, echo);
      for (String room : session.rooms().all()) {
        context.rooms().regroup(session, room);
      }
    }
  }

  private long closeGrace() {
    return dispatcher.closeGraceMillis();
  }

  private static long now(ChannelHandlerContext ctx) {
    return ctx.executor().ticker().nanoTime();
  }

  private static InetAddress addressOf(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
