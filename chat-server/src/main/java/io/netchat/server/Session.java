package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.Capability;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.auth.TokenClaims;
import io.netchat.server.auth.TokenExpiry;
import io.netchat.server.fanout.FlushBatcher;
import io.netchat.server.metrics.ConnectionMetrics;
import io.netchat.server.room.Member;
import io.netchat.server.room.TxnLedger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: its channel, wire format, nick and the rooms it asked to be in. Its
 * mutable state belongs to the channel's event loop; {@link #send} may be called from any thread
 * (a room on another loop) and hops to that loop, so writes to one channel keep the order in which
 * they were sent. Rooms see it only as a {@link Member}.
 */
public final class Session implements Member {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private final Channel channel;
  /** Where broadcast frames are written from: {@link FramedWrites#of}. */
  private final FramedWrites framed;
  private final ChannelPromise voidPromise;
  /** The fanout format broadcasts reach this session in; read by the rooms when they regroup. */
  private volatile int formatIndex;
  /** Whether the session's own room messages come back to it (every session but an IRC one without echo-message). */
  private volatile boolean echoes = true;
  private final WireFormat format;
  private final FlushBatcher flusher;
  private final FlushBatcher.Slot flushSlot;
  private final long maxOutboundBytes;
  private final AskedRooms rooms = new AskedRooms();
  private final CommandOrder order;
  private volatile String nick;
  /**
   * The case-folded name of the account the session is logged in to, or null for a guest: the
   * nick of a password account (§15) or a token's {@code sub} (§16).
   */
  private volatile String account;
  /** Commands (and undecodable frames) that arrived while an earlier one waits for the store or a hash (event loop only). */
  private final ArrayDeque<Object> held = new ArrayDeque<>();
  /** Whether a command waits for the store or a hash; later ones are held until it is answered (event loop only). */
  private boolean paused;
  /** Runs the held commands once the session is unpaused (set by the session's handler). */
  private Runnable replayHeld = () -> { };
  /** The logical id: this session's own, or the one it took over with {@code hello{resume}}. */
  private volatile String id;
  /** The server's retry ledger, given at {@code hello}; null before. */
  private volatile TxnLedger txns;
  /** Set once by {@code hello}: whether the client spoke contract 1.1, and what it may be sent. */
  private volatile boolean negotiated;
  private volatile Set<Capability> caps = Set.of();
  /** The {@code welcome.session} secret of a 1.1 session, or null (v1 sessions cannot be resumed). */
  private volatile String resumeSecret;
  /** The rooms asked for, as the session's loop last saw them; read by a session resuming this one. */
  private volatile Set<String> roomsView = Set.of();
  /** The rooms the rooms confirmed, as the session's loop last saw them; read by {@code whois} from any loop. */
  private volatile Set<String> joinedView = Set.of();
  /** When the session logged in ({@code whois}); kept by a session resuming this one. */
  private volatile Instant since;
  /** The away message, or null (§14); kept by a session resuming this one. */
  private volatile String away;
  /** What {@code quit{reason}} said, for the {@code presence{quit}} the rooms send; null when none. */
  private volatile String quitReason;
  /** Set on the loop; read by the outbound budget's check from another thread. */
  private volatile boolean closing;
  /** What the session's token allows, or null when it logged in without one (§16). */
  private volatile TokenClaims token;
  /** When the token runs out unrenewed (event loop only). */
  private final TokenExpiry expiry = new TokenExpiry();

  Session(String id, Channel channel, int formatIndex, WireFormat format, FlushBatcher flusher, long maxOutboundBytes) {
    this.id = id;
    this.channel = channel;
    this.framed = FramedWrites.of(channel);
    this.voidPromise = channel.voidPromise();
    this.formatIndex = formatIndex;
    this.format = format;
    this.flusher = flusher;
    this.flushSlot = new FlushBatcher.Slot(channel, framed.flushFrom());
    this.maxOutboundBytes = maxOutboundBytes;
    this.order = new CommandOrder(channel.eventLoop());
    channel.closeFuture().addListener(closed -> expiry.cancel());
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public EventLoop loop() {
    return channel.eventLoop();
  }

  /** Index of this session's fanout format (its listener's, or a variant of it): broadcasts encode once per index. */
  @Override
  public int formatIndex() {
    return formatIndex;
  }

  @Override
  public boolean echoes() {
    return echoes;
  }

  /**
   * Broadcasts reach this session in format {@code index} from the rooms' next regroup on, and
   * its own messages come back to it only when {@code echo} (session loop; the caller regroups).
   */
  void deliverAs(int index, boolean echo) {
    this.formatIndex = index;
    this.echoes = echo;
  }

  @Override
  public WireFormat format() {
    return format;
  }

  /** The remote IP address as text, or the channel's address when it has none (embedded). */
  @Override
  public String remoteHost() {
    return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
  }

  /** The nick, or {@code null} before {@code hello}. */
  @Override
  public String nick() {
    return nick;
  }

  void nick(String newNick) {
    this.nick = newNick;
  }

  /** What the session's token allows (its rooms, until when), or {@code null}: no token (§16). */
  TokenClaims token() {
    return token;
  }

  /** The session holds {@code claims} from now on: a login or a {@code refresh} (session loop). */
  void token(TokenClaims claims) {
    this.token = claims;
  }

  /** The deadline of the session's token (event loop only). */
  TokenExpiry expiry() {
    return expiry;
  }

  /**
   * The case-folded name of the account this session is logged in to ({@code hello{nick, password}}
   * or {@code register}, docs/PROTOCOL.md §15; a token's {@code sub}, §16), or {@code null} for a
   * guest; room roles and bans follow it (§17). Any thread.
   */
  @Override
  public String account() {
    return account;
  }

  /** Sets the account the session is logged in to (its case-folded name), or {@code null} for a guest. */
  public void account(String name) {
    this.account = name == null ? null : io.netchat.server.room.Names.key(name);
  }

  /** Whether a command waits for the store or a password hash; later commands are held (event loop). */
  boolean paused() {
    return paused;
  }

  /** A command now waits for the store or a hash: hold the ones that follow (event loop). */
  void pause() {
    paused = true;
  }

  /** The waiting command is answered: the held commands run now, until one waits again (event loop). */
  void unpause() {
    paused = false;
    replayHeld.run();
  }

  /** What {@link #unpause()} runs: the handler's replay of the held commands. */
  void replayHeldWith(Runnable replay) {
    this.replayHeld = replay;
  }

  /**
   * Holds {@code inbound} (a command or a decode failure) until the waiting command is answered;
   * false when {@code max} are held already (event loop).
   */
  boolean hold(Object inbound, int max) {
    if (held.size() >= max) {
      return false;
    }
    held.add(inbound);
    return true;
  }

  /** The next held command or decode failure, or null (event loop). */
  Object nextHeld() {
    return held.poll();
  }

  /**
   * The session's stable logical id, unique within the server's run: it stays the same when a new
   * connection resumes the session ({@code hello{resume}}), so state keyed by it (retries) follows.
   */
  public String id() {
    return id;
  }

  /** Gives the session the server's retry ledger ({@code txn}s, keyed by {@link #id()}), at {@code hello}. */
  void useLedger(TxnLedger ledger) {
    this.txns = ledger;
  }

  @Override
  public boolean wantsEvents() {
    return caps.contains(Capability.EVENTS);
  }

  @Override
  public boolean takes(Capability capability) {
    return caps.contains(capability);
  }

  @Override
  public String quitReason() {
    return quitReason;
  }

  /** When the session logged in, or null before {@code hello}. */
  Instant since() {
    return since;
  }

  /** The away message, or null. */
  String away() {
    return away;
  }

  /** Sets ({@code text}) or clears ({@code null}) the away message (session loop). */
  void away(String text) {
    this.away = text;
  }

  /** The session logged in at {@code at} (session loop, at hello). */
  void loggedIn(Instant at) {
    this.since = at;
  }

  /**
   * Claims {@code txn} in the scope of this session's retries (§13.2): its account's, when it is
   * logged in to one, so that a retry from another device of the account, or from a new login
   * after a reconnect without {@code resume}, is recognised; else its logical id (which a resume
   * keeps).
   */
  @Override
  public TxnLedger.Claim claim(String txn) {
    TxnLedger ledger = txns;
    return ledger == null ? null : ledger.claim(txnScope(), txn);
  }

  /** The key of this session's txns in the ledger: {@code account:<name>}, or the logical id of a guest. */
  String txnScope() {
    String name = account;
    return name == null ? id : "account:" + name;
  }

  /** The capabilities enabled for this session (empty for a v1 session); later features pick their v1 fallback by it. */
  public Set<Capability> caps() {
    return caps;
  }

  /** Whether this session's {@code hello} spoke contract 1.1 ({@code protocol}, {@code caps} or {@code resume}). */
  @Override
  public boolean negotiated() {
    return negotiated;
  }

  /** Records what {@code hello} negotiated (session loop, at hello). */
  void negotiate(boolean spoke11, Set<Capability> enabled, String secret) {
    this.negotiated = spoke11;
    this.caps = Set.copyOf(enabled);
    this.resumeSecret = secret;
  }

  /**
   * Takes over the logical id of the session this one resumes, with when it logged in, its away
   * message, and its account and token (session loop, at hello). An owner's login taking over a
   * guest's session keeps its own account: the rooms it takes the guest's places in, on their own
   * loops, must never see it as a guest.
   */
  void adopt(Session resumed) {
    this.id = resumed.id;
    this.since = resumed.since;
    this.away = resumed.away;
    if (account == null) {
      this.account = resumed.account;
    }
    this.token = resumed.token;
  }

  /** Whether a {@code hello{resume}} may take this session over: a 1.1 session, which was given a secret. */
  boolean resumable() {
    return resumeSecret != null;
  }

  /**
   * The client ended the session ({@code quit}), saying {@code reason} (null: none): it can no
   * longer be resumed, nor held after its close.
   */
  void quitting(String reason) {
    resumeSecret = null;
    quitReason = reason;
  }

  /** Whether {@code secret} is this session's resume secret; compared in constant time. */
  boolean resumableWith(String secret) {
    String own = resumeSecret;
    return own != null && secret != null
        && MessageDigest.isEqual(own.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
  }

  /** The rooms asked for, as last published by the session's loop; any thread. */
  Set<String> roomsView() {
    return roomsView;
  }

  /** The keys of the rooms the session is in, as last published by the session's loop; any thread. */
  Set<String> joinedView() {
    return joinedView;
  }

  @Override
  public String re(String id) {
    return negotiated ? id : null;
  }

  /** The rooms this session asked to be in (event loop only). */
  AskedRooms rooms() {
    return rooms;
  }

  @Override
  public void joinAnswered(String roomKey, boolean joined) {
    onLoop(() -> {
      rooms.joinAnswered(roomKey, joined);
      publishRooms();
    });
  }

  @Override
  public void leftRoom(String roomKey) {
    onLoop(() -> {
      rooms.left(roomKey);
      publishRooms();
    });
  }

  private void publishRooms() {
    roomsView = Set.copyOf(rooms.all());
    joinedView = rooms.joined();
  }

  @Override
  public void submit(EventLoop roomLoop, Runnable work) {
    order.run(roomLoop, work);
  }

  @Override
  public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {
    order.runAsync(roomLoop, work);
  }

  /** Answers a command from the session's own loop, after the answers to earlier commands. */
  void answer(Object message) {
    if (order.idle()) {
      write(message);
    } else {
      order.run(loop(), () -> write(message));
    }
  }

  /** Runs {@code step} (event loop only) once the answers to earlier commands are written. */
  void afterAnswers(Runnable step) {
    order.run(loop(), step);
  }

  private void onLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      try {
        channel.eventLoop().execute(task);
      } catch (RejectedExecutionException shutDown) {
        // the connection is going with its loop; nothing left to clean up
      }
    }
  }

  @Override
  public void send(Object message) {
    if (channel.eventLoop().inEventLoop()) {
      write(message);
      return;
    }
    try {
      channel.eventLoop().execute(() -> write(message));
    } catch (RejectedExecutionException shutDown) {
      ReferenceCountUtil.release(message);
    }
  }

  /**
   * Writes on the event loop; flushed by this loop's {@link FlushBatcher} at the end of the pass.
   * A v1 session is sent the v1 form of an {@code error}: the 1.1 fields are for sessions that asked.
   */
  public void write(Object message) {
    if (message instanceof ByteBuf frame) {
      deliver(frame);
      return;
    }
    if (!open()) {
      ReferenceCountUtil.release(message);
      return;
    }
    channel.write(negotiated || !(message instanceof ServerMessage.Error error) ? message : error.v1(), voidPromise);
    queued();
  }

  /**
   * Writes an already framed message (a broadcast's above all), skipping the encoder: the hot path,
   * kept small enough for the JIT to inline into the fan-out loop at every tier.
   */
  @Override
  public void deliver(ByteBuf frame) {
    if (open()) {
      writeFramed(frame);
    } else {
      frame.release();
    }
  }

  private boolean open() {
    return !closing && channel.isActive();
  }

  private void writeFramed(ByteBuf frame) {
    framed.write(frame, voidPromise);
    queued();
  }

  /** After a write: a client whose unsent bytes pass the limit is dropped, else flushed this pass. */
  private void queued() {
    long queuedBytes = queuedBytes();
    if (queuedBytes > maxOutboundBytes) {
      dropSlowConsumer(queuedBytes);
    } else {
      flusher.add(flushSlot);
    }
  }

  private void dropSlowConsumer(long queuedBytes) {
    log.warn("slow consumer {} ({}): {} bytes queued, more than the limit of {}; disconnecting",
        nick, channel.remoteAddress(), queuedBytes, maxOutboundBytes);
    ConnectionMetrics.closingAs(channel, ByeCode.SLOW_CONSUMER.wireName());
    closing = true;
    channel.close();
  }

  /** Bytes queued for this connection and not yet taken by its socket; any thread. */
  long queuedBytes() {
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    return outbound == null ? 0 : outbound.totalPendingWriteBytes();
  }

  /**
   * Cuts this connection as one of the largest holders of the global outbound budget; any thread.
   * It gets {@code bye{slow_consumer}} if it can still be sent: when its socket takes everything
   * queued before it at once. Otherwise it is closed without one, freeing its queue now.
   */
  void cutAsSlowConsumer(long queuedBytes, long allQueued, long budget) {
    onLoop(() -> {
      if (closing || !channel.isActive()) {
        return;
      }
      closing = true;
      ConnectionMetrics.closingAs(channel, ByeCode.SLOW_CONSUMER.wireName());
      log.warn("slow consumer {} ({}): {} bytes queued, the most of any connection while all of them queue {},"
          + " more than memory.outbound_bytes = {}; disconnecting", nick, channel.remoteAddress(), queuedBytes,
          allQueued, budget);
      channel.flush();
      if (queuedBytes() == 0) {
        channel.writeAndFlush(bye(ServerMessage.Bye.of(ByeCode.SLOW_CONSUMER)));
      }
      channel.close();
    });
  }

  /** Sends {@code bye{code}} with the code's name as its reason, then closes; see {@link #close(ServerMessage.Bye, long)}. */
  public void close(ByeCode code, long graceMillis) {
    close(ServerMessage.Bye.of(code), graceMillis);
  }

  /**
   * Sends {@code bye} (and whatever was queued before it), then closes. A peer that does not
   * read is closed anyway after {@code grace}. A v1 session gets the v1 form, {@code bye{reason}}.
   */
  public void close(ServerMessage.Bye bye, long graceMillis) {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(() -> close(bye, graceMillis));
      return;
    }
    if (closing || !channel.isActive()) {
      return;
    }
    closing = true;
    channel.writeAndFlush(bye(bye)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, graceMillis, TimeUnit.MILLISECONDS);
  }

  private ServerMessage.Bye bye(ServerMessage.Bye bye) {
    return negotiated ? bye : bye.v1();
  }

  boolean isClosing() {
    return closing;
  }

  @Override
  public String toString() {
    return (nick == null ? "-" : nick) + "@" + channel.remoteAddress();
  }
}
