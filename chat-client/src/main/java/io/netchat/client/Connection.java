package io.netchat.client;

import io.netchat.codec.ByeCode;
import io.netchat.codec.Capability;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Side;
import io.netchat.codec.Validation;
import io.netchat.codec.WireFormat;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection part of a client, confined to its event loop: the state machine (connect,
 * reconnect with backoff, re-join with {@code since}, nick change, close), the channel and the
 * rooms. Every future it returns completes on the event loop, so nothing here ever waits for the
 * user's listener: a blocked listener delays what the user hears, never a reconnect. What the
 * listener should hear goes out through {@link Events}, in wire order.
 */
final class Connection {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  /** The major version of the wire contract this library speaks ({@code hello{protocol}}). */
  static final int PROTOCOL = 1;
  /** What this library calls itself in {@code hello{client}}. */
  static final String CLIENT_NAME = "netchat-java/" + versionOr("dev");

  /** Where the connection's news goes; called on the event loop, must not block. */
  interface Events {
    /** A message from the server, for the listener. */
    void deliver(ServerMessage message);

    /** A connection change, for the listener. */
    void connection(ConnectionEvent event);
  }

  private enum State { NEW, CONNECTING, CONNECTED, RECONNECTING, CLOSING, CLOSED }

  private final ClientConfig config;
  private final EventLoop loop;
  private final AddressConnector connector;
  private final Events events;
  private final BooleanSupplier readingPaused;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  // Confined to the event loop.
  private final Requests requests;
  private final RoomLedger rooms = new RoomLedger();
  private final DmLedger dms = new DmLedger();
  private final UnackedSends unacked = new UnackedSends();
  private Channel channel;
  private State state = State.NEW;
  private int attempt;
  private String nick;
  private ServerMessage.Bye lastBye;
  /** A {@code bye{reconnect:false}} that ended a reconnect attempt's connection: no more attempts. */
  private ServerMessage.Bye refusal;
  /** The {@code welcome.session} secret of the session to resume on reconnect, or null. */
  private String resumeSecret;
  private ScheduledFuture<?> reconnectTask;
  private CompletableFuture<ServerMessage.Welcome> nickChange;
  private String previousNick;
  /** The token of a session that logs in with one (§16), or null. */
  private final TokenRenewal tokens;
  /** The capabilities the server granted in its last {@code welcome}. */
  private List<String> granted = List.of();
  /** The account to log in to again after a lost connection, if any (§15). */
  private final Credentials credentials = new Credentials();

  // Snapshots for other threads.
  private volatile String nickView;
  private volatile Set<String> roomsView = Set.of();
  private volatile Map<String, String> epochsView = Map.of();
  private volatile Map<String, String> rolesView = Map.of();
  private volatile boolean connectedView;

  /**
   * @param readingPaused whether the listener is so far behind that a new channel must start
   *     with reading off
   */
  Connection(ClientConfig config, EventLoop loop, HostResolver resolver, Events events, BooleanSupplier readingPaused) {
    this.config = config;
    this.loop = loop;
    this.events = events;
    this.readingPaused = readingPaused;
    this.nick = config.nick();
    this.nickView = nick;
    this.tokens = config.token() == null ? null : new TokenRenewal(config.token(), loop, java.time.Clock.systemUTC());
    this.requests = new Requests(config.maxPendingRequests(), loop, config.requestTimeout(), rooms::onJoinCompleted);
    WireFormat format = WireFormat.of(config.framing(), config.codec(), config.maxFrameLength(),
        CodecRegistry.load(Connection.class.getClassLoader()));
    format.codec().prepare(Side.CLIENT);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ClientChannelInitializer(format, config, new LoopCallbacks()));
    this.connector = new AddressConnector(bootstrap, resolver, loop);
  }

  String nick() {
    return nickView;
  }

  Set<String> joinedRooms() {
    return roomsView;
  }

  boolean isConnected() {
    return connectedView;
  }

  /** A fresh command id; thread-safe. */
  String nextId() {
    return requests.nextId();
  }

  /**
   * A fresh {@code txn} for a say or dm (contract 1.1): 72 random bits, so that nobody who saw
   * this client's earlier txns on broadcasts can guess the next one. Thread-safe.
   */
  static String nextTxn() {
    byte[] bytes = new byte[9];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The epoch of joined room {@code room} as last answered, or null (not joined, or a v1 server). */
  String epochOf(String room) {
    return epochsView.get(room.toLowerCase(Locale.ROOT));
  }

  /** This client's role in joined room {@code room} (contract 1.1), or null (not joined, or the server did not say). */
  String roleIn(String room) {
    return rolesView.get(room.toLowerCase(Locale.ROOT));
  }

  /** Completes on the event loop once the connection is closed for good, after {@code CLOSED} went out. */
  CompletableFuture<Void> closed() {
    return closed;
  }

  // ---- commands (any thread) ----------------------------------------------------------------

  /** Connects and logs in; call once. */
  CompletableFuture<ServerMessage.Welcome> connect() {
    return connect(null);
  }

  /**
   * Connects and logs in to the account of the configured nick with {@code password} (a copy is
   * kept while reconnect may need it), or as a guest when it is null; call once. A client
   * configured with a {@link TokenSource} logs in with its token and takes no password: a hello
   * carries one credential.
   */
  CompletableFuture<ServerMessage.Welcome> connect(char[] password) {
    CompletableFuture<ServerMessage.Welcome> result = new CompletableFuture<>();
    if (password != null && tokens != null) {
      result.completeExceptionally(new IllegalStateException(
          "this client logs in with a token (ClientConfig.withToken); it sends no password as well"));
      return result;
    }
    char[] copy = password == null ? null : password.clone();
    onLoop(result, () -> {
      if (state != State.NEW) {
        result.completeExceptionally(new IllegalStateException("connect() was already called"));
        return;
      }
      state = State.CONNECTING;
      if (copy != null) {
        credentials.remember(nick, copy);
        java.util.Arrays.fill(copy, '\0');
      }
      openAndLogin().thenCompose(welcome -> resumeDms().thenApply(v -> welcome)).whenCompleteAsync((welcome, error) -> {
        if (!config.reconnect().enabled()) {
          credentials.forget(); // no reconnect will need it
        }
        if (error != null) {
          closeChannel();
          finishClose("connect failed: " + Failures.message(error));
          result.completeExceptionally(Failures.unwrap(error));
        } else if (state == State.CONNECTING) {
          state = State.CONNECTED;
          connectedView = true;
          emit(ConnectionEvent.Kind.CONNECTED, channel.remoteAddress() + " as " + nick);
          result.complete(welcome);
        } else {
          result.completeExceptionally(new ChatConnectionException("closed while connecting"));
        }
      }, loop);
    });
    return result;
  }

  /**
   * Sends {@code register{password}} (§15); once it is answered {@code ok} the session is logged in
   * to the nick's account, and a copy of the password is kept while reconnect may need it.
   */
  CompletableFuture<Reply> register(char[] password) {
    char[] copy = password.clone();
    CompletableFuture<Reply> sent = send(new ClientMessage.Register(nextId(), new String(copy)));
    return sent.whenCompleteAsync((reply, error) -> {
      if (error == null && config.reconnect().enabled()) {
        credentials.remember(nick, copy);
      }
      java.util.Arrays.fill(copy, '\0');
    }, loop);
  }

  /** Sends {@code passwd{old, new}} (§15); once it is answered {@code ok} the new password is the one kept. */
  CompletableFuture<Reply> changePassword(char[] old, char[] replacement) {
    char[] copy = replacement.clone();
    CompletableFuture<Reply> sent = send(new ClientMessage.Passwd(nextId(), new String(old), new String(copy)));
    return sent.whenCompleteAsync((reply, error) -> {
      if (error == null && credentials.present()) {
        credentials.remember(credentials.account(), copy);
      }
      java.util.Arrays.fill(copy, '\0');
    }, loop);
  }

  /** Sends {@code command} (tracked when it has an id); a {@code quit} ends the session for good. */
  CompletableFuture<Reply> send(ClientMessage command) {
    CompletableFuture<Reply> result = new CompletableFuture<>();
    onLoop(result, () -> {
      if (state != State.CONNECTED || channel == null) {
        result.completeExceptionally(new ChatConnectionException(state == State.RECONNECTING
            ? "not connected (reconnecting)" : "not connected"));
        return;
      }
      if (command instanceof ClientMessage.Quit) {
        state = State.CLOSING;
        connectedView = false;
      }
      requests.write(channel, command, result);
    });
    return result;
  }

  /**
   * Changes the nick, completing with the nick now in use; see {@link ChatClient#changeNick}. A
   * server that granted the {@code nick} capability is sent {@code nick{nick}}; an older one gets
   * the fallback of ending the session and logging in again as {@code newNick} in the same rooms.
   */
  CompletableFuture<String> changeNick(String newNick) {
    CompletableFuture<String> result = new CompletableFuture<>();
    onLoop(result, () -> {
      Validation.requireNick("nick", newNick);
      if (state != State.CONNECTED) {
        result.completeExceptionally(new ChatConnectionException("not connected"));
        return;
      }
      if (granted.contains(Capability.NICK.wireName())) {
        CompletableFuture<Reply> answered = new CompletableFuture<>();
        requests.write(channel, new ClientMessage.Nick(nextId(), newNick), answered);
        answered.whenComplete((reply, error) -> {
          if (error != null) {
            result.completeExceptionally(Failures.unwrap(error));
          } else {
            setNick(newNick); // a resume after a lost connection says hello with it
            result.complete(newNick);
          }
        });
        return;
      }
      CompletableFuture<ServerMessage.Welcome> relogin = new CompletableFuture<>();
      relogin.whenComplete((welcome, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(welcome.nick());
        }
      });
      nickChange = relogin;
      previousNick = nick;
      setNick(newNick);
      resumeSecret = null; // the session ends with the quit below; the new nick starts a new one
      state = State.RECONNECTING;
      connectedView = false;
      Channel old = channel;
      channel = null;
      requests.endAll("session ended to change nick");
      old.writeAndFlush(new ClientMessage.Quit(null, "changing nick to " + newNick))
          .addListener(ChannelFutureListener.CLOSE);
      attempt = 0;
      reconnectTask = loop.schedule(this::reconnectAttempt, 0, TimeUnit.MILLISECONDS);
    });
    return result;
  }

  /** Says {@code quit} if connected, closes and stops reconnecting; returns {@link #closed()}. */
  CompletableFuture<Void> close() {
    loop.execute(this::closeOnLoop);
    return closed;
  }

  /** Turns reading from the socket on or off (the delivery thread's back-pressure); any thread. */
  void setReading(boolean reading) {
    if (!loop.inEventLoop()) {
      loop.execute(() -> setReading(reading));
      return;
    }
    if (channel != null) {
      channel.config().setAutoRead(reading);
    }
  }

  // ---- inbound (event loop) -----------------------------------------------------------------

  private final class LoopCallbacks implements ClientHandler.Callbacks {
    @Override
    public void onMessage(Channel from, ServerMessage message) {
      if (from == channel) {
        handle(from, message);
      }
    }

    @Override
    public void onInactive(Channel inactive) {
      if (inactive == channel) {
        lostConnection(inactive);
      }
    }

    @Override
    public void onIdle(Channel idle, boolean first) {
      if (first) {
        idle.writeAndFlush(new ClientMessage.Ping(null));
      } else {
        log.warn("no data from {} for {} ms; closing the connection", idle.remoteAddress(),
            2 * config.idleTimeout().toMillis());
        idle.close();
      }
    }
  }

  private void handle(Channel from, ServerMessage message) {
    if (message instanceof ServerMessage.Message own && own.txn() != null && own.from().equalsIgnoreCase(nick)) {
      requests.ownMessage(own); // accepted, whatever becomes of its ok
      unacked.ownMessage(own); // one held across a reconnect is found in the backlog: not sent again
    }
    if (message instanceof ServerMessage.Message room && !rooms.accept(room)
        || message instanceof ServerMessage.RoomEvent event && event.seq() != null
            && !rooms.accept(event.room(), event.seq())
        || message instanceof ServerMessage.Topic topic && topic.seq() != null
            && !rooms.accept(topic.room(), topic.seq())
        || message instanceof ServerMessage.Dm dm && !dms.accept(dm)) {
      log.debug("dropping a duplicate of {}", message);
      return;
    }
    if (message instanceof ServerMessage.Ping ping) {
      from.writeAndFlush(new ClientMessage.Pong(ping.id()));
    }
    RequestTracker.Pending answered = requests.attach(message);
    if (message instanceof ServerMessage.Joined joined) {
      Long since = answered != null ? ((ClientMessage.Join) answered.command).since() : null;
      boolean restarted = rooms.onJoined(joined, since);
      publishRooms();
      if (restarted) {
        log.info("room {} restarted at seq {} (we had seen {}); replaying it from the start",
            joined.room(), joined.seq(), since);
        requests.write(from, new ClientMessage.Join(nextId(), joined.room(), 0L), new CompletableFuture<>());
        return; // superseded by the replay's own joined: the listener hears the room joined once
      }
    } else if (message instanceof ServerMessage.DmStream stream) {
      dms.onStream(stream);
    } else if (message instanceof ServerMessage.Left left) {
      rooms.onLeft(left.room());
      publishRooms();
    } else if (message instanceof ServerMessage.Role role && role.nick().equalsIgnoreCase(nick)) {
      rooms.onRole(role.room(), role.role());
      publishRooms();
    } else if (message instanceof ServerMessage.Kick kick && kick.nick().equalsIgnoreCase(nick)) {
      rooms.onLeft(kick.room()); // kicked: not re-joined on reconnect
      publishRooms();
    } else if (message instanceof ServerMessage.Bye bye) {
      lastBye = bye;
    }
    events.deliver(message);
    requests.settle(message);
  }

  private void lostConnection(Channel lost) {
    channel = null;
    connectedView = false;
    ServerMessage.Bye bye = lastBye;
    lastBye = null;
    String reason = bye != null ? "server said bye: " + bye.reason() : "connection lost";
    boolean mayReconnect = !refusesReconnect(bye);
    if (tokens != null) {
      tokens.cancel();
    }
    unacked.hold(requests.endAll(reason, state == State.CONNECTED && config.reconnect().enabled() && mayReconnect));
    switch (state) {
      case CLOSING -> finishClose("quit");
      case CONNECTED -> {
        emit(ConnectionEvent.Kind.DISCONNECTED, reason + " (" + lost.remoteAddress() + ")");
        attempt = 0;
        if (refusesReconnect(bye)) {
          finishClose(refusedReconnect(bye));
          return;
        }
        scheduleReconnect(reason, bye == null || bye.retryAfterMs() == null
            ? Duration.ZERO : Duration.ofMillis(bye.retryAfterMs()));
      }
      default -> {
        // CONNECTING and RECONNECTING: the attempt in progress sees its login fail and decides.
        if (refusesReconnect(bye)) {
          refusal = bye;
        }
      }
    }
  }

  // ---- connecting and reconnecting (event loop) ---------------------------------------------

  /** Asks for a token (when the session logs in with one), resolves, connects, says hello; completes on the event loop. */
  private CompletableFuture<ServerMessage.Welcome> openAndLogin() {
    return tokens == null ? openAndSayHello() : tokens.fetch().thenComposeAsync(token -> openAndSayHello(), loop);
  }

  private CompletableFuture<ServerMessage.Welcome> openAndSayHello() {
    CompletableFuture<ServerMessage.Welcome> result = new CompletableFuture<>();
    connector.connect(config.host(), config.port()).whenCompleteAsync((connected, error) -> {
      if (error != null) {
        result.completeExceptionally(Failures.unwrap(error));
        return;
      }
      if (state == State.CLOSED || state == State.CLOSING) {
        connected.close();
        result.completeExceptionally(new ChatConnectionException("client closed"));
        return;
      }
      channel = connected;
      if (readingPaused.getAsBoolean()) {
        channel.config().setAutoRead(false);
      }
      CompletableFuture<Reply> hello = new CompletableFuture<>();
      requests.write(channel, hello(), hello);
      hello.whenComplete((reply, helloError) -> {
        if (helloError != null) {
          result.completeExceptionally(TlsFailures.explain(connected, config.host() + ":" + config.port(),
              Failures.unwrap(helloError)));
        } else {
          ServerMessage.Welcome welcome = reply.answer(ServerMessage.Welcome.class);
          if (!welcome.nick().equals(nick)) {
            setNick(welcome.nick()); // the account's name, or the token's sub
          }
          resumeSecret = welcome.session();
          granted = welcome.caps() == null ? List.of() : welcome.caps();
          if (tokens != null) {
            tokens.scheduleRenewal(this::renewInTime);
          }
          result.complete(welcome);
        }
      });
    }, loop);
    return result;
  }

  /**
   * The capabilities this library asks for: it renders a nick change as one event, shows away
   * and back (§14), the room events of moderation (§17: kicks, roles, modes, bans), which its
   * ledger numbers with the messages so a replay never shows one twice, and the account's dm
   * stream (§18.5), which it resumes after a reconnect as it re-joins rooms.
   */
  static final List<String> CAPS = List.of(Capability.NICK.wireName(), Capability.AWAY.wireName(),
      Capability.EVENTS.wireName(), Capability.DMSTREAM.wireName());

  /**
   * The {@code hello} of contract 1.1: the contract version, this library's name, the capabilities
   * it understands ({@link #CAPS}), and the secret
   * of the session to resume (after a lost connection, never after a nick change). A client with a
   * {@link TokenSource} logs in with its current token (§16); else, with an account's password
   * kept, it logs in to that account (under the account's name, §15); else as a guest.
   */
  private ClientMessage.Hello hello() {
    if (tokens != null) {
      return new ClientMessage.Hello(nextId(), null, PROTOCOL, CLIENT_NAME, CAPS, resumeSecret, null, tokens.current());
    }
    return credentials.present()
        ? new ClientMessage.Hello(nextId(), credentials.account(), PROTOCOL, CLIENT_NAME, CAPS, resumeSecret,
            credentials.password(), null)
        : new ClientMessage.Hello(nextId(), nick, PROTOCOL, CLIENT_NAME, CAPS, resumeSecret);
  }

  /**
   * Renews the session's token now (§16): a new one from the {@link TokenSource}, sent as
   * {@code refresh}; completes once the server took it. See {@link ChatClient#refreshToken}.
   */
  CompletableFuture<Void> renewToken() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(done, () -> {
      if (tokens == null) {
        done.completeExceptionally(new IllegalStateException("this client logs in without a token"));
        return;
      }
      tokens.fetch().thenComposeAsync(token -> {
        if (state != State.CONNECTED || channel == null) {
          throw new ChatConnectionException("not connected");
        }
        CompletableFuture<Reply> taken = new CompletableFuture<>();
        requests.write(channel, new ClientMessage.Refresh(nextId(), token), taken);
        return taken;
      }, loop).whenCompleteAsync((reply, error) -> {
        if (error != null) {
          done.completeExceptionally(Failures.unwrap(error));
          return;
        }
        tokens.scheduleRenewal(this::renewInTime);
        done.complete(null);
      }, loop);
    });
    return done;
  }

  /** The planned renewal: a failure (the application did not answer) is tried again while the token lasts. */
  private void renewInTime() {
    renewToken().whenCompleteAsync((ok, error) -> {
      if (error != null && state == State.CONNECTED) {
        log.warn("could not renew the session's token, trying again: {}", Failures.message(error));
        tokens.scheduleRenewal(this::renewInTime);
      }
    }, loop);
  }

  /**
   * Whether {@code bye} asks the client not to come back. A {@code token_expired} does not stop a
   * client that has a {@link TokenSource}: its reconnect logs in with a new token.
   */
  private boolean refusesReconnect(ServerMessage.Bye bye) {
    return bye != null && Boolean.FALSE.equals(bye.reconnect())
        && !(tokens != null && bye.byeCode() == ByeCode.TOKEN_EXPIRED);
  }

  private void scheduleReconnect(String reason) {
    scheduleReconnect(reason, Duration.ZERO);
  }

  /** Schedules the next attempt after a jittered backoff, and never sooner than {@code atLeast}. */
  private void scheduleReconnect(String reason, Duration atLeast) {
    attempt++;
    if (!config.reconnect().allows(attempt)) {
      finishClose(config.reconnect().enabled()
          ? "gave up reconnecting after " + (attempt - 1) + " attempts: " + reason : reason);
      return;
    }
    Duration delay = config.reconnect().waitBefore(attempt, atLeast, ThreadLocalRandom.current()::nextDouble);
    state = State.RECONNECTING;
    emit(ConnectionEvent.Kind.RECONNECTING, "attempt " + attempt + " in " + delay.toMillis() + " ms");
    reconnectTask = loop.schedule(this::reconnectAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reconnectAttempt() {
    if (state != State.RECONNECTING) {
      return;
    }
    openAndLogin().thenCompose(welcome -> rejoinAll().thenCompose(v -> resumeDms()).thenApply(v -> welcome))
        .whenCompleteAsync((welcome, error) -> {
      if (state != State.RECONNECTING) {
        return;
      }
      if (error != null) {
        reconnectFailed(error);
        return;
      }
      state = State.CONNECTED;
      connectedView = true;
      attempt = 0;
      emit(ConnectionEvent.Kind.RECONNECTED, channel.remoteAddress() + " as " + nick + ", rooms " + roomsView);
      Channel now = channel;
      unacked.retry(this::nextId, (command, outcome) -> requests.write(now, command, outcome));
      if (nickChange != null) {
        nickChange.complete(welcome);
        nickChange = null;
      }
    }, loop);
  }

  private void reconnectFailed(Throwable error) {
    log.info("reconnect attempt {} failed: {}", attempt, Failures.message(error));
    closeChannel();
    if (nickChange != null && Failures.unwrap(error) instanceof ChatErrorException refused) {
      CompletableFuture<ServerMessage.Welcome> change = nickChange;
      nickChange = null;
      setNick(previousNick);
      change.completeExceptionally(refused);
      attempt = 0;
      reconnectTask = loop.schedule(this::reconnectAttempt, 0, TimeUnit.MILLISECONDS);
      return;
    }
    if (refusal != null) {
      String reason = refusedReconnect(refusal);
      refusal = null;
      finishClose(reason);
      return;
    }
    scheduleReconnect(Failures.message(error));
  }

  /**
   * Resumes the account's dm stream (§18.5) after a login, as rooms are re-joined: every dm after
   * the last one delivered, or, at the first login, where the stream stands. Only a session logged
   * in to an account that the server granted {@code dmstream} has a stream; a refusal is logged and
   * the session goes on without the replay.
   */
  private CompletableFuture<Void> resumeDms() {
    if (channel == null || !granted.contains(Capability.DMSTREAM.wireName())
        || !credentials.present() && tokens == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Reply> resumed = new CompletableFuture<>();
    requests.write(channel, dms.resume(nextId()), resumed);
    return resumed.handle((reply, error) -> {
      if (error != null) {
        log.warn("could not resume the dm stream: {}", Failures.message(error));
      }
      return null;
    });
  }

  /**
   * Re-joins every room with since = last seq delivered, in the room's epoch; a room the server now
   * refuses is dropped.
   */
  private CompletableFuture<Void> rejoinAll() {
    if (channel == null) {
      return CompletableFuture.failedFuture(new ChatConnectionException("connection lost while logging in"));
    }
    List<CompletableFuture<Void>> joins = new ArrayList<>();
    for (Map.Entry<String, RoomLedger.Position> room : rooms.positions().entrySet()) {
      CompletableFuture<Reply> join = new CompletableFuture<>();
      RoomLedger.Position position = room.getValue();
      requests.write(channel, new ClientMessage.Join(nextId(), room.getKey(), position.since(), position.epoch()), join);
      joins.add(join.handle((reply, error) -> {
        if (Failures.unwrap(error) instanceof ChatErrorException refused) {
          log.warn("could not re-join {}: {}", room.getKey(), refused.getMessage());
          rooms.onLeft(room.getKey());
          publishRooms();
        } else if (error != null) {
          throw new CompletionException(Failures.unwrap(error));
        }
        return null;
      }));
    }
    return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new));
  }

  // ---- closing (event loop) -----------------------------------------------------------------

  private void closeOnLoop() {
    if (state == State.CLOSED) {
      closed.complete(null);
      return;
    }
    if (reconnectTask != null) {
      reconnectTask.cancel(false);
    }
    if (channel != null && channel.isActive()) {
      state = State.CLOSING;
      channel.writeAndFlush(new ClientMessage.Quit(null, "client closed")).addListener(ChannelFutureListener.CLOSE);
    } else {
      closeChannel();
      finishClose("closed");
    }
  }

  private void closeChannel() {
    Channel open = channel;
    channel = null;
    connectedView = false;
    if (open != null) {
      open.close();
    }
  }

  private void finishClose(String reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    connectedView = false;
    if (tokens != null) {
      tokens.cancel();
    }
    credentials.forget();
    requests.endAll("client closed");
    unacked.failAll("client closed: " + reason);
    if (nickChange != null) {
      nickChange.completeExceptionally(new ChatConnectionException("client closed: " + reason));
      nickChange = null;
    }
    emit(ConnectionEvent.Kind.CLOSED, reason);
    closed.complete(null);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void onLoop(CompletableFuture<?> result, Runnable task) {
    try {
      loop.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new ChatConnectionException("client closed", e));
    }
  }

  private static String refusedReconnect(ServerMessage.Bye bye) {
    return "server said bye: " + bye.reason() + " (the server asked not to reconnect)";
  }

  private static String versionOr(String fallback) {
    String version = Connection.class.getPackage().getImplementationVersion();
    return version == null ? fallback : version;
  }

  private void setNick(String newNick) {
    nick = newNick;
    nickView = newNick;
  }

  private void publishRooms() {
    Map<String, RoomLedger.Position> positions = rooms.positions();
    roomsView = Set.copyOf(positions.keySet());
    Map<String, String> epochs = new HashMap<>();
    Map<String, String> roles = new HashMap<>();
    positions.forEach((room, position) -> {
      if (position.epoch() != null) {
        epochs.put(room.toLowerCase(Locale.ROOT), position.epoch());
      }
      if (position.role() != null) {
        roles.put(room.toLowerCase(Locale.ROOT), position.role());
      }
    });
    epochsView = Map.copyOf(epochs);
    rolesView = Map.copyOf(roles);
  }

  private void emit(ConnectionEvent.Kind kind, String detail) {
    ConnectionEvent event = new ConnectionEvent(kind, detail);
    log.debug("{}", event);
    events.connection(event);
  }
}
