package io.netchat.server;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Validation;
import io.netchat.server.room.MessageIds;
import io.netchat.server.room.Names;
import io.netchat.server.room.TxnLedger;
import java.time.temporal.ChronoUnit;

/**
 * Carries out one client command for a session, on the session's event loop: checks what the
 * session itself may do (log in first, at most {@code max_rooms_per_session} rooms), forwards room
 * commands to the room registry (the rooms answer them and decide membership), and answers the
 * rest itself, after the answers to the session's earlier commands.
 */
final class CommandDispatcher {
  private final ServerContext context;

  CommandDispatcher(ServerContext context) {
    this.context = context;
  }

  void dispatch(Session session, ClientMessage command) {
    try {
      if (session.nick() == null && !(command instanceof ClientMessage.Hello
          || command instanceof ClientMessage.Ping || command instanceof ClientMessage.Pong
          || command instanceof ClientMessage.Quit)) {
        throw error(ErrorCode.NOT_LOGGED_IN, "send hello first");
      }
      if (command instanceof ClientMessage.Hello hello) {
        hello(session, hello);
      } else if (command instanceof ClientMessage.Join join) {
        join(session, join);
      } else if (command instanceof ClientMessage.Leave leave) {
        context.rooms().leave(session, leave.room(), leave.id());
      } else if (command instanceof ClientMessage.Say say) {
        context.rooms().say(session, say.room(), say.text(), say.id(), say.txn());
      } else if (command instanceof ClientMessage.Dm dm) {
        dm(session, dm);
      } else if (command instanceof ClientMessage.Topic topic) {
        context.rooms().topic(session, topic.room(), topic.text(), topic.id());
      } else if (command instanceof ClientMessage.Who who) {
        context.rooms().who(session, who.room(), who.after(), who.limit(), who.id());
      } else if (command instanceof ClientMessage.Rooms rooms) {
        session.afterAnswers(() -> session.write(context.rooms().rooms(rooms.after(), rooms.limit(),
            session.format(), session.channel().alloc())));
        ok(session, rooms.id());
      } else if (command instanceof ClientMessage.History history) {
        context.rooms().history(session, history.room(), history.before(), history.limit(), history.epoch(),
            history.id());
      } else if (command instanceof ClientMessage.Ping ping) {
        session.answer(new ServerMessage.Pong(ping.id()));
      } else if (command instanceof ClientMessage.Pong) {
        // liveness is noted by SessionHandler on every read
      } else if (command instanceof ClientMessage.Quit quit) {
        ok(session, quit.id());
        session.afterAnswers(() -> session.close(quit.reason() == null ? "quit" : quit.reason(), closeGraceMillis()));
      }
    } catch (ChatCodecException e) {
      session.answer(ServerMessage.Error.of(e.withRe(command.id())));
    }
  }

  private void hello(Session session, ClientMessage.Hello hello) {
    if (session.nick() != null) {
      throw error(ErrorCode.ALREADY_LOGGED_IN, "already logged in as " + session.nick());
    }
    if (context.shuttingDown()) {
      throw error(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    }
    session.nick(hello.nick());
    if (!context.users().register(hello.nick(), session)) {
      session.nick(null);
      throw error(ErrorCode.NICK_TAKEN, "nick '" + hello.nick() + "' is in use");
    }
    session.identify(MessageIds.randomToken(), context.txns());
    session.answer(new ServerMessage.Welcome(hello.nick(), context.config().serverName(), context.announcedLimits()));
    ok(session, hello.id());
  }

  private void join(Session session, ClientMessage.Join join) {
    String key = Names.key(join.room());
    int max = context.config().limits().maxRoomsPerSession();
    if (!session.rooms().admits(key, max)) {
      throw error(ErrorCode.LIMIT_REACHED, "a session may be in at most " + max + " rooms");
    }
    session.rooms().joinSent(key);
    context.rooms().join(session, join.room(), join.since(), join.epoch(), join.id());
  }

  /**
   * Delivers a dm; the sender's ok carries its msgid. A {@code txn} the session already sent within
   * the txn window is answered with the first dm's msgid and {@code duplicate: true} instead.
   */
  private void dm(Session session, ClientMessage.Dm dm) {
    checkText(dm.text());
    TxnLedger.Sent earlier = dm.txn() == null ? null : session.sentBefore(dm.txn());
    if (earlier != null) {
      answerSent(session, dm.id(), earlier, true);
      return;
    }
    Session target = context.users().find(dm.to());
    if (target == null) {
      throw error(ErrorCode.NO_SUCH_USER, "no user '" + dm.to() + "'");
    }
    TxnLedger.Sent sent = new TxnLedger.Sent(null, context.dmIds().next());
    target.send(new ServerMessage.Dm(session.nick(), target.nick(), dm.text(),
        context.clock().instant().truncatedTo(ChronoUnit.MILLIS), sent.msgid(), dm.txn()));
    if (dm.txn() != null) {
      session.sent(dm.txn(), sent);
    }
    answerSent(session, dm.id(), sent, false);
  }

  private static void answerSent(Session session, String id, TxnLedger.Sent sent, boolean duplicate) {
    if (id != null) {
      session.answer(new ServerMessage.Ok(id, sent.seq(), sent.msgid(), duplicate));
    }
  }

  private void checkText(String text) {
    Validation.checkLength("text", text, context.config().limits().maxTextLength());
  }

  long closeGraceMillis() {
    return context.config().timeouts().shutdownGrace().toMillis();
  }

  private static void ok(Session session, String id) {
    if (id != null) {
      session.answer(new ServerMessage.Ok(id));
    }
  }

  private static ChatCodecException error(ErrorCode code, String message) {
    return new ChatCodecException(code, message);
  }
}
