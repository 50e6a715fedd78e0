package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.Capability;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.HelloAcceptedEvent;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Validation;
import io.netchat.server.auth.AuthRefusal;
import io.netchat.server.auth.TokenClaims;
import io.netchat.server.auth.TokenWorkers;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import io.netchat.server.room.LimitReached;
import io.netchat.server.room.Names;
import io.netchat.server.room.TxnLedger;
import io.netchat.server.room.FrameFitter;
import io.netchat.server.room.Room;
import io.netchat.store.DmStreamStore;
import io.netchat.store.StoredDm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Carries out one client command for a session, on the session's event loop: checks what the
 * session itself may do (log in first, at most {@code max_rooms_per_session} rooms), forwards room
 * commands to the room registry (the rooms answer them and decide membership), and answers the
 * rest itself, after the answers to the session's earlier commands.
 */
final class CommandDispatcher {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandDispatcher.class);
  /** The major version of the contract this server speaks, sent as {@code welcome.protocol}. */
  static final int PROTOCOL = 1;

  private final ServerContext context;
  private final AccountCommands accountCommands;
  private final AdminCommands admin;
  private final TokenLogin tokens;

  /** A dispatcher of a server that accepts no tokens. */
  CommandDispatcher(ServerContext context) {
    this(context, null);
  }

  /** @param tokenWorkers where {@code hello{token}} and {@code refresh} are checked; null when tokens are off */
  CommandDispatcher(ServerContext context, TokenWorkers tokenWorkers) {
    this.context = context;
    this.accountCommands = new AccountCommands(context);
    this.admin = new AdminCommands(context, this::closeGraceMillis);
    this.tokens = new TokenLogin(context, tokenWorkers, this::ownerHello);
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
        context.rooms().say(session, say.room(), say.text(), say.id(), say.txn(), say.hasAction());
      } else if (command instanceof ClientMessage.Dm dm) {
        dm(session, dm);
      } else if (command instanceof ClientMessage.Dms dms) {
        dmStream(session, dms);
      } else if (command instanceof ClientMessage.Topic topic) {
        context.rooms().topic(session, topic.room(), topic.text(), topic.id());
      } else if (command instanceof ClientMessage.Who who) {
        context.rooms().who(session, who.room(), who.after(), who.limit(), who.id());
      } else if (command instanceof ClientMessage.Rooms rooms) {
        session.afterAnswers(() -> session.write(context.rooms().rooms(rooms.after(), rooms.limit(),
            session.re(rooms.id()), session.format(), session.channel().alloc())));
        ok(session, rooms.id());
      } else if (command instanceof ClientMessage.History history) {
        context.rooms().history(session, history.room(), history.before(), history.limit(), history.epoch(),
            history.id());
      } else if (command instanceof ClientMessage.Nick nick) {
        nick(session, nick);
      } else if (command instanceof ClientMessage.Away away) {
        away(session, away);
      } else if (command instanceof ClientMessage.Whois whois) {
        whois(session, whois);
      } else if (command instanceof ClientMessage.Refresh refresh) {
        tokens.refresh(session, refresh);
      } else if (command instanceof ClientMessage.Register register) {
        accountCommands.register(session, register);
      } else if (command instanceof ClientMessage.Passwd passwd) {
        accountCommands.passwd(session, passwd);
      } else if (command instanceof ClientMessage.Kick kick) {
        context.rooms().kick(session, kick.room(), kick.nick(), kick.reason(), kick.id());
      } else if (command instanceof ClientMessage.Ban ban) {
        context.rooms().ban(session, ban.room(), ban.mask(), ban.durationS(), ban.reason(), ban.id());
      } else if (command instanceof ClientMessage.Unban unban) {
        context.rooms().unban(session, unban.room(), unban.mask(), unban.id());
      } else if (command instanceof ClientMessage.Bans bans) {
        context.rooms().bans(session, bans.room(), bans.after(), bans.limit(), bans.id());
      } else if (command instanceof ClientMessage.Mode mode) {
        context.rooms().mode(session, mode, mode.id());
      } else if (command instanceof ClientMessage.Role role) {
        context.rooms().role(session, role.room(), role.nick(), role.role(), role.id());
      } else if (command instanceof ClientMessage.Invite invite) {
        Session target = context.users().find(invite.nick());
        if (target == null || target.since() == null) {
          throw error(ErrorCode.NO_SUCH_USER, "no user '" + invite.nick() + "'");
        }
        context.rooms().invite(session, invite.room(), target, invite.id());
      } else if (admin.handles(command)) {
        admin.handle(session, command);
      } else if (command instanceof ClientMessage.Ping ping) {
        session.answer(new ServerMessage.Pong(ping.id()));
      } else if (command instanceof ClientMessage.Pong) {
        // liveness is noted by SessionHandler on every read
      } else if (command instanceof ClientMessage.Quit quit) {
        ok(session, quit.id());
        session.quitting(quit.reason());
        ServerMessage.Bye bye = ServerMessage.Bye.of(ByeCode.QUIT, quit.reason() == null ? "quit" : quit.reason());
        session.afterAnswers(() -> session.close(bye, closeGraceMillis()));
      }
    } catch (ChatCodecException e) {
      session.answer(ServerMessage.Error.of(e.withRe(command.id()).withCommand(ClientMessage.typeName(command))));
    } catch (LimitReached e) {
      session.answer(e.error(command.id(), ClientMessage.typeName(command)));
    }
  }

  private void hello(Session session, ClientMessage.Hello hello) {
    if (session.nick() != null) {
      throw error(ErrorCode.ALREADY_LOGGED_IN, "already logged in as " + session.nick());
    }
    if (context.shuttingDown()) {
      throw error(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    }
    Login login = Login.of(hello, context);
    login.announce(session);
    if (refusedAsBanned(session, hello, hello.nick(), null)) {
      return;
    }
    if (hello.token() != null) {
      tokens.hello(session, hello, login);
      return;
    }
    if (hello.password() != null) {
      Awaited.then(session, hello,
          countRefusal(context.accounts().login(hello.nick(), hello.password(), session.remoteHost())),
          account -> ownerHello(session, hello, login, hello.nick(), account.name(), null));
      return;
    }
    if (!context.accounts().guestsAllowed() && hello.resume() == null) {
      loginFailed(LoginFailure.NO_GUESTS);
      throw error(ErrorCode.BAD_CREDENTIALS, "this server takes no guests: log in with hello{nick, password}");
    }
    if (context.users().register(hello.nick(), session)) {
      // claimed; a guest keeps it unless an account owns it (§15), which the store says
      Awaited.then(session, hello, countRefusal(context.accounts().reserved(hello.nick())), reserved -> {
        if (reserved || context.users().find(hello.nick()) != session || !session.channel().isActive()) {
          context.users().release(hello.nick(), session);
          loginFailed(LoginFailure.NICK_RESERVED);
          throw reserved(hello.nick());
        }
        welcome(session, hello, login, hello.nick());
      });
      return;
    }
    session.nick(hello.nick());
    if (!resumes(session, hello, hello.nick())) {
      session.nick(null);
      Session holder = context.users().find(hello.nick());
      if (holder != null && holder.account() != null) {
        loginFailed(LoginFailure.NICK_RESERVED);
        throw reserved(hello.nick());
      }
      loginFailed(LoginFailure.NICK_TAKEN);
      throw error(ErrorCode.NICK_TAKEN, "nick '" + hello.nick() + "' is in use");
    }
    welcome(session, hello, login, hello.nick());
  }

  /**
   * A hello that proved the session owns {@code account}: its password was right (§15), or a token
   * named it (§16, with the token's {@code claims}; null for a password). The session logs in to {@code account}
   * under the nick, beside the account's other sessions (its devices, §18) up to
   * {@code max_sessions_per_account}; one more is refused with {@code limit_reached}. A session of
   * the account whose secret the hello names in {@code resume} is resumed instead. A guest holding
   * the nick (or still waiting for the store's answer) loses it: it is sent {@code bye{replaced}}.
   */
  void ownerHello(Session session, ClientMessage.Hello hello, Login login, String nick, String account,
      TokenClaims claims) {
    if (!session.channel().isActive() || session.isClosing()) {
      return;
    }
    if (context.shuttingDown()) {
      throw error(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    }
    if (refusedAsBanned(session, hello, nick, account)) {
      return;
    }
    session.nick(nick);
    session.account(account);
    if (!resumes(session, hello, nick)) {
      int max = context.config().limits().maxSessionsPerAccount();
      UserRegistry.Added added = context.users().addDevice(nick, session, account, max);
      if (added == UserRegistry.Added.FULL) {
        loginFailed(LoginFailure.SESSION_LIMIT);
        session.nick(null);
        session.account(null);
        throw new LimitReached("max_sessions_per_account",
            "account '" + account + "' is logged in on " + max + " connections already");
      }
      if (added == UserRegistry.Added.HELD) {
        takeFromGuest(session, nick);
      }
    }
    session.token(claims); // a session resumed keeps its room memberships, not its old token's limits
    welcome(session, hello, login, nick);
  }

  /**
   * A server-wide ban (§17.6) matching the nick ({@code nick}: the hello's, or a token's {@code sub};
   * null when a token hello names none yet), the session's address or — once a login has named it —
   * its account: answered {@code error{banned}} and closed with
   * {@code bye{banned}}; true when so.
   */
  private boolean refusedAsBanned(Session session, ClientMessage.Hello hello, String nick, String account) {
    ServerBans.Ban banned = context.bans().find(nick, account, session.remoteHost(), now());
    if (banned == null) {
      return false;
    }
    loginFailed(LoginFailure.BANNED);
    String why = "you are banned from this server" + (banned.reason().isEmpty() ? "" : ": " + banned.reason());
    session.answer(new ServerMessage.Error(hello.id(), ErrorCode.BANNED, why).forCommand("hello"));
    session.afterAnswers(() -> session.close(ServerMessage.Bye.of(ByeCode.BANNED, why), closeGraceMillis()));
    return true;
  }

  /**
   * {@code login} (a password check, or whether a guest's nick is reserved), with its refusal
   * counted as a failed login where it is decided: bad credentials, throttled, or unavailable.
   */
  private <T> CompletableFuture<T> countRefusal(CompletableFuture<T> login) {
    return login.whenComplete((value, failure) -> {
      if (failure != null) {
        ErrorCode code = AuthRefusal.of(failure).code(); // a bug throws here, and again where Awaited reports it
        loginFailed(code == ErrorCode.BAD_CREDENTIALS ? LoginFailure.BAD_CREDENTIALS
            : code == ErrorCode.RATE_LIMITED ? LoginFailure.THROTTLED : LoginFailure.UNAVAILABLE);
      }
    });
  }

  private void loginFailed(LoginFailure reason) {
    context.counters().loginFailed(reason);
  }

  /** The owner of an account takes its nick from the guest (or unconfirmed claim) holding it. */
  private void takeFromGuest(Session session, String nick) {
    Session holder = context.users().find(nick);
    if (holder == null ? !context.users().register(nick, session)
        : !context.users().takeOver(nick, holder, session)) {
      context.users().leaveAccount(session.account(), session);
      session.nick(null);
      session.account(null);
      loginFailed(LoginFailure.NICK_TAKEN);
      throw error(ErrorCode.NICK_TAKEN, "nick '" + nick + "' is in use");
    }
    if (holder != null && holder.nick() != null) {
      session.afterAnswers(() -> holder.close(ServerMessage.Bye.of(ByeCode.REPLACED), closeGraceMillis()));
    }
  }

  /**
   * The session is logged in as {@code nick}: it gets {@code welcome} (and {@code ok}), and a
   * token it holds (its own, or the one of the session it resumed) sets its deadline.
   */
  private void welcome(Session session, ClientMessage.Hello hello, Login login, String nick) {
    login.grant(session);
    session.nick(nick);
    if (session.token() != null) {
      tokens.expireAt(session);
    }
    session.useLedger(context.txns());
    if (session.since() == null) {
      session.loggedIn(now());
    }
    session.answer(login.negotiated()
        ? new ServerMessage.Welcome(nick, context.config().serverName(), context.announcedLimits(true),
            PROTOCOL, Capability.wireNames(login.caps()), login.secret(), now(), hello.id())
        : new ServerMessage.Welcome(nick, context.config().serverName(), context.announcedLimits(false)));
    ok(session, hello.id());
    session.channel().pipeline().fireUserEventTriggered(HelloAcceptedEvent.INSTANCE); // lifts the pre-hello frame limit
    if (session.account() != null) {
      session.afterAnswers(() -> context.mailbox().deliver(nick));
    }
  }

  /**
   * {@code hello{resume}} with the secret of an open session holding the nick (of an account with
   * several, the one the secret names): this session takes over its logical id, its nick and its
   * room memberships, without presence, and the old connection is sent {@code bye{replaced}} and
   * closed once every room has moved. A wrong or unknown secret is no resume.
   */
  private boolean resumes(Session session, ClientMessage.Hello hello, String nick) {
    if (hello.resume() == null) {
      return false;
    }
    Session old = null;
    for (Session holder : context.users().sessions(nick)) {
      if (holder != session && holder.resumableWith(hello.resume())) {
        old = holder;
      }
    }
    if (old == null || !joinsAccountOf(session, old)) {
      return false;
    }
    if (!context.users().replace(old, session)) {
      if (ownerTakesGuest(session, old)) {
        context.users().leaveAccount(session.account(), session); // counted by joinsAccountOf
      }
      return false;
    }
    session.adopt(old);
    for (String room : old.roomsView()) {
      session.rooms().joinSent(room);
      context.rooms().takeOver(old, session, room);
    }
    Session replaced = old;
    session.afterAnswers(() -> replaced.close(ServerMessage.Bye.of(ByeCode.REPLACED), closeGraceMillis()));
    return true;
  }

  /**
   * Whether {@code session} may take {@code old} over as far as accounts go: a guest's or the same
   * account's session, for anyone holding its secret; an owner's login (its account already set)
   * taking over a guest session of its nick is counted among the account's sessions first, up to
   * {@code max_sessions_per_account} (false when full: the login goes on as a new session and is
   * refused there). Another account's session is never taken over by an owner's login.
   */
  private boolean joinsAccountOf(Session session, Session old) {
    String account = session.account();
    if (account == null || account.equals(old.account())) {
      return true;
    }
    return ownerTakesGuest(session, old)
        && context.users().joinAccount(account, session, context.config().limits().maxSessionsPerAccount());
  }

  /** An owner's login (its account already set) taking over a guest's session. */
  private static boolean ownerTakesGuest(Session session, Session old) {
    return session.account() != null && old.account() == null;
  }

  /**
   * Changes the session's nick (§14): claimed in the user registry at once (the old one is free
   * from then on), then each room the session asked to be in renames it in the order of the
   * session's commands and tells its other members; {@code ok} once every room has. A nick that
   * belongs to an account other than the session's own is refused with {@code nick_reserved} (§15).
   */
  private void nick(Session session, ClientMessage.Nick nick) {
    if (session.token() != null) {
      throw error(ErrorCode.FORBIDDEN, "a session that logged in with a token keeps the token's nick (sub)");
    }
    String wanted = nick.nick();
    if (wanted.equals(session.nick()) || Names.key(wanted).equals(session.account())) {
      rename(session, nick);
      return;
    }
    Awaited.then(session, nick, context.accounts().reserved(wanted), reserved -> {
      if (reserved) {
        throw error(ErrorCode.NICK_RESERVED, "nick '" + wanted + "' belongs to an account");
      }
      rename(session, nick);
    });
  }

  private void rename(Session session, ClientMessage.Nick nick) {
    String wanted = nick.nick();
    if (!wanted.equals(session.nick())) {
      if (!context.users().rename(session, wanted, context.config().limits().maxSessionsPerAccount())) {
        throw error(ErrorCode.NICK_TAKEN, "nick '" + wanted + "' is in use");
      }
      session.nick(wanted);
      for (String room : session.rooms().all()) {
        context.rooms().rename(session, room, wanted);
      }
    }
    ok(session, nick.id());
  }

  /** Sets or clears the away message (§14); the rooms tell the members that take the {@code away} capability. */
  private void away(Session session, ClientMessage.Away away) {
    String text = away.text();
    if (text != null) {
      checkText(text);
    }
    if (!Objects.equals(text, session.away())) {
      session.away(text);
      for (String room : session.rooms().all()) {
        context.rooms().away(session, room, text);
      }
    }
    ok(session, away.id());
  }

  /**
   * Answers {@code whois} (§14): one page of the user's rooms in key order (after the cursor, at
   * most {@code limit}, capped by {@code max_list_page}), its away text and when it logged in.
   * A secret room (§17) is left out unless the asking session is in it too. A nick held by several
   * sessions of an account (§18.1) is answered for all of them: {@code sessions} counts them, the
   * rooms are those any of them is in, {@code since} the earliest login, and {@code away} is set
   * only when every one of them is away (the earliest login's text).
   */
  private void whois(Session session, ClientMessage.Whois whois) {
    List<Session> holders = new ArrayList<>();
    for (Session holder : context.users().sessions(whois.nick())) {
      if (holder.since() != null) {
        holders.add(holder);
      }
    }
    if (holders.isEmpty()) {
      throw error(ErrorCode.NO_SUCH_USER, "no user '" + whois.nick() + "'");
    }
    Session target = holders.get(0);
    NavigableSet<String> keys = new TreeSet<>();
    Instant since = target.since();
    boolean allAway = true;
    for (Session holder : holders) {
      keys.addAll(holder.joinedView());
      since = holder.since().isBefore(since) ? holder.since() : since;
      allAway &= holder.away() != null;
    }
    String away = allAway ? target.away() : null;
    Instant loggedIn = since;
    Integer sessions = target.account() == null ? null : holders.size();
    int max = context.config().limits().maxListPage();
    int limit = whois.limit() == null ? max : Math.min(whois.limit(), max);
    List<Room> page = new ArrayList<>(Math.min(limit, keys.size()));
    Iterator<String> it = (whois.after() == null ? keys : keys.tailSet(whois.after(), false)).iterator();
    while (page.size() < limit && it.hasNext()) {
      Room room = context.rooms().get(it.next());
      if (room != null && (!room.secret() || session.joinedView().contains(room.key()))) {
        page.add(room);
      }
    }
    boolean more = it.hasNext();
    String re = session.re(whois.id());
    session.answer(FrameFitter.fit(page, kept -> new ServerMessage.Whois(target.nick(),
        kept.stream().map(Room::name).toList(), away, loggedIn,
        kept.size() < page.size() || more && !kept.isEmpty() ? kept.get(kept.size() - 1).key() : null, re,
        target.account(), sessions),
        false, session.format(), session.channel().alloc()));
    ok(session, whois.id());
  }

  private void join(Session session, ClientMessage.Join join) {
    String key = Names.key(join.room());
    TokenClaims token = session.token();
    if (token != null && !token.allowsRoom(key)) {
      throw error(ErrorCode.FORBIDDEN, "the token does not allow room '" + join.room() + "'");
    }
    int max = context.config().limits().maxRoomsPerSession();
    if (!session.rooms().admits(key, max)) {
      throw new LimitReached("max_rooms_per_session", "a session may be in at most " + max + " rooms");
    }
    session.rooms().joinSent(key);
    context.rooms().join(session, join.room(), join.since(), join.epoch(), join.key(), join.id());
  }

  private Instant now() {
    return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Delivers a dm to every session of its recipient, and to the sender's other sessions (its
   * other devices, §18), so a conversation is whole on each; the sender's ok carries its msgid and,
   * for a 1.1 session, {@code delivery}. A dm to a registered account with no session is kept for
   * its next login ({@code delivery: "stored"}). A {@code txn} the session already sent within the
   * txn window is answered with the first dm's msgid and {@code duplicate: true} instead (or its
   * refusal), once the first one is settled: a resumed connection's retry may race the old one's dm.
   */
  private void dm(Session session, ClientMessage.Dm dm) {
    checkText(dm.text());
    TxnLedger.Claim claim = dm.txn() == null ? null : session.claim(dm.txn());
    if (claim != null && !claim.first()) {
      session.submitAsync(session.loop(), () -> claim.whenSettled(session.loop(), (earlier, failure) -> {
        if (failure == null) {
          answerSent(session, dm.id(), earlier, true, null);
        } else if (dm.id() != null) { // a dm is refused only by a ChatCodecException (see below)
          session.answer(ServerMessage.Error.of(((ChatCodecException) failure).withRe(dm.id()).withCommand("dm")));
        }
      }));
      return;
    }
    TxnLedger.Sent sent = new TxnLedger.Sent(null, context.dmIds().next());
    List<Session> targets = loggedIn(context.users().sessions(dm.to()));
    if (!targets.isEmpty()) {
      ServerMessage.Dm out = outgoing(session, dm, targets.get(0).nick(), sent);
      CompletableFuture<String> delivered = streamed(targets.get(0).account(), out).thenApply(numbered -> {
        sendEach(targets, numbered);
        return ServerMessage.Ok.DELIVERED;
      });
      Awaited.then(session, dm, delivered, outcome -> sentDm(session, dm, out, targets, sent, claim, outcome));
      return;
    }
    ServerMessage.Dm out = outgoing(session, dm, dm.to(), sent);
    CompletableFuture<String> delivery = context.accounts().reserved(dm.to()).thenCompose(registered -> {
      if (!registered) {
        return CompletableFuture.completedFuture(null);
      }
      List<Session> online = loggedIn(context.users().sessions(dm.to())); // logged in while the store looked
      if (!online.isEmpty()) {
        return streamed(Names.key(dm.to()), out).thenApply(numbered -> {
          sendEach(online, numbered);
          return ServerMessage.Ok.DELIVERED;
        });
      }
      return context.mailbox().keep(dm.to(), out) // kept for the next login, and in the account's stream
          .thenCompose(kept -> streamed(Names.key(dm.to()), out)).thenApply(numbered -> ServerMessage.Ok.STORED);
    });
    if (claim != null) {
      delivery.whenComplete((outcome, failure) -> {
        if (failure != null) { // answered as the store's refusal; a retry may go through later
          claim.fail(error(ErrorCode.UNAVAILABLE, "the dm could not be delivered or kept now"));
        }
      });
    }
    Awaited.then(session, dm, delivery, outcome -> {
      if (outcome == null) {
        ChatCodecException noSuchUser = error(ErrorCode.NO_SUCH_USER, "no user '" + dm.to() + "'");
        if (claim != null) {
          claim.fail(noSuchUser);
        }
        throw noSuchUser;
      }
      if (ServerMessage.Ok.STORED.equals(outcome)) {
        context.mailbox().deliver(dm.to()); // a login that crossed the keep took nothing
      }
      sentDm(session, dm, out, List.of(), sent, claim, outcome);
    });
  }

  private ServerMessage.Dm outgoing(Session session, ClientMessage.Dm dm, String to, TxnLedger.Sent sent) {
    return new ServerMessage.Dm(session.nick(), to, dm.text(), now(), sent.msgid(), dm.txn(), null,
        session.account(), null, null);
  }

  /** The dm is sent or kept: the sender's other devices get a copy, its txn is settled, its ok says how. */
  private void sentDm(Session session, ClientMessage.Dm dm, ServerMessage.Dm out, List<Session> reached,
      TxnLedger.Sent sent, TxnLedger.Claim claim, String delivery) {
    if (session.account() != null && !session.account().equals(Names.key(out.to()))) {
      streamed(session.account(), out).thenAccept(numbered -> { // the sender's stream holds what it sent
        for (Session own : context.users().accountSessions(session.account())) {
          if (own != session && !reached.contains(own) && own.nick() != null) {
            sendIn(own, numbered);
          }
        }
      });
    }
    if (claim != null) {
      claim.settle(sent);
    }
    answerSent(session, dm.id(), sent, false, delivery);
  }

  /**
   * {@code dm} appended to the dm stream of {@code account} (§18.5) and numbered in it; {@code dm}
   * itself when there is no account (a guest has no stream).
   */
  private CompletableFuture<ServerMessage.Dm> streamed(String account, ServerMessage.Dm dm) {
    if (account == null) {
      return CompletableFuture.completedFuture(dm);
    }
    StoredDm kept = new StoredDm(dm.from(), dm.to(), dm.text(), dm.ts(), dm.msgid(), dm.account());
    return context.dmStreams().append(account, kept, dm.txn(), context.config().limits().historySize())
        .handle((entry, failure) -> {
          if (failure != null) { // delivered all the same; a resume of the stream will not find it
            LOG.warn("a dm could not be added to the dm stream of {}: {}", account, failure.toString());
            return dm;
          }
          return dm.inStream(entry.seq(), entry.epoch());
        });
  }

  private static void sendEach(List<Session> targets, ServerMessage.Dm dm) {
    for (Session target : targets) {
      sendIn(target, dm);
    }
  }

  /** A dm numbered in a stream goes as such to a session that took {@code dmstream}, without its seq to any other. */
  private static void sendIn(Session target, ServerMessage.Dm dm) {
    target.send(target.takes(Capability.DMSTREAM) ? dm : dm.outsideStream());
  }

  /**
   * Answers {@code dms} (§18.5): the account's stream as {@code join{since, epoch}} answers a room's —
   * {@code dms{epoch, seq, recovered}}, a {@code gap{dms}} for what is no longer held, then every dm
   * held after {@code since} (the same epoch) or the latest page (another epoch, or no {@code since}).
   */
  private void dmStream(Session session, ClientMessage.Dms dms) {
    if (!session.takes(Capability.DMSTREAM)) {
      throw error(ErrorCode.BAD_REQUEST, "dms needs the dmstream capability (hello{caps: [\"dmstream\"]})");
    }
    if (session.account() == null) {
      throw error(ErrorCode.NOT_LOGGED_IN, "a guest has no dm stream: log in to an account");
    }
    Awaited.then(session, dms, context.dmStreams().read(session.account()), stream -> replay(session, dms, stream));
  }

  private void replay(Session session, ClientMessage.Dms dms, DmStreamStore.Stream stream) {
    Long since = dms.since();
    boolean sameNumbering = since != null && (dms.epoch() == null || dms.epoch().equals(stream.epoch())
        && since <= stream.lastSeq());
    boolean gap = sameNumbering && since + 1 < stream.firstHeld();
    List<ServerMessage.Dm> held = stream.held().stream().map(entry -> new ServerMessage.Dm(entry.dm().from(),
        entry.dm().to(), entry.dm().text(), entry.dm().ts(), entry.dm().msgid(), entry.txn(), null,
        entry.dm().account(), entry.seq(), entry.epoch())).toList();
    List<ServerMessage.Dm> replay = sameNumbering
        ? held.stream().filter(dm -> dm.seq() > since).toList()
        : held.subList(Math.max(0, held.size() - context.config().limits().maxHistoryPerRequest()), held.size());
    session.answer(new ServerMessage.DmStream(stream.epoch(), stream.lastSeq(),
        sameNumbering && dms.epoch() != null && !gap, session.re(dms.id())));
    if (gap) {
      session.answer(ServerMessage.Gap.ofDms(since + 1, stream.firstHeld() - 1));
    }
    replay.forEach(session::answer);
    ok(session, dms.id());
  }

  /** The sessions of {@code holders} whose login is confirmed: a nick still being checked is nobody yet. */
  private static List<Session> loggedIn(List<Session> holders) {
    List<Session> live = new ArrayList<>(holders.size());
    for (Session holder : holders) {
      if (holder.nick() != null) {
        live.add(holder);
      }
    }
    return live;
  }

  private static void answerSent(Session session, String id, TxnLedger.Sent sent, boolean duplicate, String delivery) {
    if (id != null) {
      session.answer(new ServerMessage.Ok(id, sent.seq(), sent.msgid(), duplicate,
          session.negotiated() ? delivery : null));
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

  private static ChatCodecException reserved(String nick) {
    return error(ErrorCode.NICK_RESERVED, "nick '" + nick + "' belongs to an account: log in with its password");
  }

  static ChatCodecException error(ErrorCode code, String message) {
    return new ChatCodecException(code, message);
  }
}
