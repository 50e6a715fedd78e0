package io.netchat.server.room;

import io.netchat.codec.Capability;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.Validation;
import io.netchat.server.fanout.Fanout;
import io.netchat.server.fanout.Recipient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.netchat.store.RoomMeta;
import io.netchat.store.RoomState;
import io.netchat.store.RuleChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat room and its rules: who is in it, {@code seq}, history, topic, expiry. It is the only
 * authority on its membership: every room command reaches it, and it answers {@code not_joined}
 * itself. All of its state lives on one event loop ({@link #loop()}); every operation runs there,
 * which is what gives every member the same order and a gap-free {@code seq}. Delivering a
 * broadcast (encode once, hand off per loop, reference counts) is its {@link Fanout}'s job.
 *
 * <p>With a durable store ({@link RoomStore}) the store issues each event's {@code seq}, a
 * message's and a topic change's alike: under {@code durability: commit} an event is broadcast
 * and acknowledged only once its append has committed, and the answers that wait for the store
 * are returned as stages, which keep the session's later commands waiting
 * ({@link Member#submitAsync}). The in-memory ring stays the hot
 * path for the newest messages; a backlog or a {@code history} reaching past it is read from the
 * store ({@link Backlog}), topic changes in their place for a session that takes events.
 *
 * <p>Contract 1.1: {@code seq} numbers the room's events, a topic change as well as a message; the
 * room's {@code epoch} names that numbering (a room recreated under the same name has a new one),
 * and each message's {@code msgid} is derived from the room, the epoch and the seq.
 */
public final class Room {
  private static final Logger log = LoggerFactory.getLogger(Room.class);
  /** The answer of work that answered at once. */
  static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);
  private final String name;
  private final String key;
  private final EventLoop loop;
  private final RoomContext context;
  private final RoomRegistry registry;
  private final HistoryStore history;
  private final Members members = new Members();
  private final Fanout fanout;
  /** Written on the room's loop ({@link #newEpoch}); read from any thread. */
  private volatile String epoch;
  private volatile String msgidPrefix;
  /** The durable store, or null when history lives in memory only. */
  private final RoomStore store;
  private final Backlog backlog;
  /** This room's loop as the executor of store continuations. */
  private final Executor onLoop;
  private volatile String topic = "";
  private volatile String topicBy;
  private volatile int memberCount;
  /** Modes, roles, bans and invites (§17). */
  private final RoomRules rules = new RoomRules();
  /** The {@code secret} mode, for listings read from any thread. */
  private volatile boolean secret;
  private final RoomModeration moderation = new RoomModeration(this);
  private ScheduledFuture<?> expiry;
  private boolean removed;

  /**
   * @param epoch the room's opaque epoch (contract 1.1): new whenever the continuity of its seqs
   *     cannot be proven, e.g. a room created anew (the store's, when there is one)
   */
  Room(String name, EventLoop loop, RoomContext context, RoomRegistry registry, String epoch) {
    this.name = name;
    this.key = Names.key(name);
    this.loop = loop;
    this.context = context;
    this.registry = registry;
    this.epoch = epoch;
    this.msgidPrefix = MessageIds.roomPrefix(key, epoch);
    this.history = context.historyFactory().create(context.limits().historySize(), loop);
    this.fanout = new Fanout(context.formats(), context.allocator(), context.counters().deliveries());
    this.store = registry.store();
    this.backlog = store == null ? null : new Backlog(store, key, name, this::msgid, history, loop);
    this.onLoop = RoomStore.on(loop);
  }

  /** Takes the stored state of a room loaded from the store: topic, and seq continues after its last. */
  void restore(RoomState state) {
    RoomMeta meta = state.meta();
    topic = meta.topic();
    topicBy = meta.topic().isEmpty() ? null : meta.topicBy();
    history.skipTo(state.lastSeq());
    if (state.rules() != null) {
      rules.restore(state.rules());
      secret = rules.modes().secret();
    }
  }

  /** Whether the room is {@code secret} (§17): left out of {@code rooms} and {@code whois}; any thread. */
  public boolean secret() {
    return secret;
  }

  /**
   * The room's epoch (contract 1.1): changes whenever the continuity of its seqs cannot be proven
   * (the store's, when there is one).
   */
  public String epoch() {
    return epoch;
  }

  /**
   * The store gave the room a new epoch (room loop): it lost events it had acknowledged (durability
   * async), so the seqs clients hold can no longer be proven complete. From now on a join or
   * history naming the old epoch re-syncs ({@code recovered: false}, {@code epoch_changed}), and
   * msgids derive from the new one.
   */
  void newEpoch(long stored) {
    String next = Long.toString(stored);
    log.warn("room {}: the store lost acknowledged messages; epoch {} -> {}, clients re-sync", name, epoch, next);
    epoch = next;
    msgidPrefix = MessageIds.roomPrefix(key, next);
  }

  /** The msgid of the room's message {@code seq} (contract 1.1). */
  public String msgid(long seq) {
    return MessageIds.sequenced(msgidPrefix, seq);
  }

  public String name() {
    return name;
  }

  public String key() {
    return key;
  }

  public EventLoop loop() {
    return loop;
  }

  /** Members now; readable from any thread. */
  public int memberCount() {
    return memberCount;
  }

  /** Topic now ({@code ""} when unset); readable from any thread. */
  public String topic() {
    return topic;
  }

  /** Runs {@code task} on the room's loop, at once when already there. */
  public void execute(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  /**
   * Adds {@code session}; answers joined, the backlog (after a gap if needed) and ok. With
   * {@code since} and the room's own {@code epoch}, the backlog is every message after
   * {@code since} and {@code joined} says {@code recovered: true} when none is missing; with
   * another epoch, {@code since} counts in a numbering that is gone: the backlog is the latest
   * page and {@code recovered: false}. When the backlog reaches past the ring, it is read from the
   * store first and the join completes when it arrives: the session becomes a member in the same
   * task that sends the backlog, so live messages follow it without a gap or a repeat.
   * {@code nick} is the session's nick when it sent the join: a nick change sent after it reaches
   * the room after it, and renames the member then.
   */
  CompletionStage<?> join(Member session, String nick, Long since, String sinceEpoch, String password, String id) {
    if (removed) {
      return registry.rejoin(session, nick, name, since, sinceEpoch, password, id);
    }
    if (isFull(session, nick, id) || refused(session, nick, password, id)) {
      return ANSWERED;
    }
    long last = history.lastSeq();
    // a v1 join (no epoch) replays after since as it always did; one naming this epoch too, as long
    // as since is a seq of it; any other since counts in a numbering that is gone
    boolean sameNumbering = since != null && (sinceEpoch == null || sinceEpoch.equals(epoch) && since <= last);
    Replay replay = new Replay(sameNumbering ? since : null, sameNumbering && sinceEpoch != null);
    long from = replay.from() == null ? Math.max(1, last - context.limits().maxHistoryPerRequest() + 1)
        : Math.max(replay.from() + 1, last - context.limits().historySize() + 1);
    if (backlog == null || backlog.inMemory(from)) {
      admit(session, nick, replay, id, null);
      return ANSWERED;
    }
    return backlog.collect(from, Long.MAX_VALUE, stored -> {
      if (removed) {
        registry.rejoin(session, nick, name, since, sinceEpoch, password, id);
      } else if (!isFull(session, nick, id) && !refused(session, nick, password, id)) {
        admit(session, nick, replay, id, stored);
      }
    }).exceptionallyAsync(failure -> {
      session.joinAnswered(key, false);
      session.send(store.refusal(id, "the backlog of " + name, failure).forCommand("join"));
      return null;
    }, onLoop);
  }

  /**
   * Where a join's backlog starts: after {@code from} (null: the latest page), and whether the
   * client named this epoch, so that a backlog with nothing missing is {@code recovered}.
   */
  private record Replay(Long from, boolean sameEpoch) {}

  /**
   * Whether {@code session} cannot join because the room is full; answers the refusal. Another
   * session of a member's account is no new member (§18.2): it always finds room.
   */
  private boolean isFull(Member session, String nick, String id) {
    if (members.contains(session) || members.size() < context.limits().maxMembersPerRoom()
        || members.isDeviceOf(session, nick)) {
      return false;
    }
    session.joinAnswered(key, false);
    session.send(new LimitReached("max_members_per_room",
        "room '" + name + "' is full (" + members.size() + " members)").error(id, "join"));
    return true;
  }

  /**
   * Whether the room's rules keep {@code session} out (§17: a ban, invite-only, the key, the
   * limit); answers the refusal. A member re-joining, or another device of a member's account
   * (§18.2), is never refused.
   */
  private boolean refused(Member session, String nick, String password, String id) {
    if (members.contains(session) || members.isDeviceOf(session, nick)) {
      return false;
    }
    ServerMessage.Error refusal = rules.refusesJoin(name, nick, session.account(), session.remoteHost(), password,
        members.size(), now(), id);
    if (refusal == null) {
      return false;
    }
    session.joinAnswered(key, false);
    session.send(refusal);
    return true;
  }

  /** The join itself; {@code stored} is the backlog read from the store, or null to take it from the ring. */
  private void admit(Member session, String nick, Replay replay, String id, Backlog.Found stored) {
    boolean added = false;
    if (!members.contains(session)) {
      Members.Added seat = members.add(session, nick);
      if (seat == Members.Added.REFUSED) {
        session.joinAnswered(key, false);
        session.send(new ServerMessage.Error(id, ErrorCode.NICK_TAKEN.wireName(), "a member of room '" + name
            + "' is still known as '" + nick + "' (a nick change under way); try again", "join", true,
            null, null));
        return;
      }
      context.counters().memberJoined();
      fanout.add(session);
      memberCount = members.size();
      cancelExpiry();
      added = seat == Members.Added.FIRST;
      String principal = RoomRules.principal(nick, session.account());
      rules.joined(principal);
      if (rules.claim(principal, nick, now()) && rules.owned() && store != null) {
        store.store().changeRules(key, new RuleChange.Snapshot(rules.snapshot())).exceptionally(failure -> {
          store.refusal(null, "the owner of " + name, failure); // logged; the room works on from memory
          return null;
        });
      }
    }
    session.joinAnswered(key, true);
    sendJoinAnswer(session, replay, id, stored);
    ok(session, id, null);
    if (added) {
      broadcast(presence(nick, ServerMessage.Presence.JOIN, session), session);
    }
  }

  /**
   * {@code joined}, a {@code gap} for what is no longer held, and the backlog: without a replay
   * point the latest page of messages; with one, everything held after it, room events included
   * for a session that takes them. {@code stored}: the backlog read from the store, or null.
   */
  private void sendJoinAnswer(Member session, Replay replay, String id, Backlog.Found stored) {
    Long since = replay.from();
    List<? extends ServerMessage> backlog;
    long first = 0;
    if (stored != null) {
      backlog = since != null && session.wantsEvents() ? stored.events() : stored.messages();
      first = stored.first();
    } else if (since == null) {
      backlog = history.before(Long.MAX_VALUE, context.limits().maxHistoryPerRequest());
    } else {
      int max = context.limits().historySize();
      backlog = session.wantsEvents() ? history.eventsAfter(since, max) : history.after(since, max);
      first = history.firstSeq();
    }
    boolean gap = since != null && since + 1 < first;
    session.send(joined(session, replay.sameEpoch() && !gap, id));
    if (gap) {
      session.send(new ServerMessage.Gap(name, since + 1, first - 1));
    }
    for (ServerMessage event : backlog) {
      session.send(event);
    }
  }

  /**
   * The {@code joined} answer: the first page of {@code who} (same order and cap) and the member
   * count, cut further if it would not fit a frame of the session's format; the topic never is. A
   * 1.1 session learns its own role (§17.1).
   */
  private ByteBuf joined(Member session, boolean recovered, String id) {
    int total = members.size();
    long seq = history.lastSeq();
    String re = session.re(id);
    List<String> nicks = members.page(null, registry.pageSize(null)).items();
    String role = session.negotiated() ? roleOf(session).wireName() : null;
    return FrameFitter.fit(nicks, kept -> new ServerMessage.Joined(name, topic, kept, seq, total, epoch, recovered, re,
        role, members.accounts(kept), roles(session, kept)), false, session.format(), context.allocator());
  }

  /**
   * {@code resumed} takes {@code old}'s place ({@code hello{resume}}): same nick, so the other
   * members are told nothing. Does nothing when {@code old} is no longer a member.
   */
  void takeOver(Member old, Member resumed) {
    boolean wasIn = members.contains(resumed);
    if (removed || !members.replace(old, resumed)) {
      resumed.joinAnswered(key, false);
      return;
    }
    fanout.remove(old);
    if (!wasIn) {
      fanout.add(resumed);
    }
    memberCount = members.size();
    resumed.joinAnswered(key, true);
  }

  /**
   * {@code session} is now known as {@code nick} (contract 1.1, §14): members that took the
   * {@code nick} capability see one {@code presence{event: "nick"}}, the others the v1 fallback,
   * {@code presence{quit}} then {@code presence{join}}; the renamed member sees none of it (its
   * {@code ok} says it). Nothing when it is not a member (its join was refused or not yet here).
   * One of an account's several sessions renamed is someone new under the new nick
   * ({@code presence{join}}), and a session renamed back to its account's nick here is one the
   * others saw {@code quit} (§18.2).
   */
  void rename(Member session, String nick) {
    String old = members.nick(session);
    if (old == null || old.equals(nick)) {
      return;
    }
    switch (members.rename(session, nick)) {
      case MEMBER -> { }
      case SPLIT -> {
        memberCount = members.size();
        fanout.broadcast(presence(nick, ServerMessage.Presence.JOIN, session), session);
        return;
      }
      case MERGED -> {
        memberCount = members.size();
        fanout.broadcast(presence(old, ServerMessage.Presence.QUIT, session), session);
        return;
      }
      case NONE -> {
        return;
      }
    }
    if (session.account() == null) { // a guest's roles follow its nick; an account's follow the account
      rules.renamed(old, nick);
    }
    Predicate<Recipient> takesNick = taking(Capability.NICK);
    String account = session.account();
    fanout.broadcast(ServerMessage.Presence.nickChange(name, old, nick).of(account), session, takesNick);
    Predicate<Recipient> v1 = takesNick.negate();
    fanout.broadcast(presence(old, ServerMessage.Presence.QUIT, session), session, v1);
    fanout.broadcast(presence(nick, ServerMessage.Presence.JOIN, session), session, v1);
  }

  /**
   * {@code session} set its away message ({@code text}) or cleared it ({@code null}), contract 1.1,
   * §14: members that took the {@code away} capability see {@code presence{away|back}}; v1 has no
   * such event, so the others see nothing.
   */
  void away(Member session, String text) {
    String nick = members.nick(session);
    if (nick != null) {
      fanout.broadcast(ServerMessage.Presence.away(name, nick, text).of(session.account()), session,
          taking(Capability.AWAY));
    }
  }

  /** A v1 presence event of {@code session}'s member, known here as {@code nick}, with its account (§12.9). */
  private ServerMessage.Presence presence(String nick, String event, Member session) {
    return new ServerMessage.Presence(name, nick, event, null, null, null, session.account());
  }

  private static Predicate<Recipient> taking(Capability capability) {
    return recipient -> recipient instanceof Member member && member.takes(capability);
  }

  /** Removes {@code session}; {@code event} is {@code leave} (answered with left) or {@code quit}. */
  void remove(Member session, String event, String id) {
    boolean leave = ServerMessage.Presence.LEAVE.equals(event);
    String nick = members.nick(session);
    Members.Removed removed = members.leave(session);
    if (removed == Members.Removed.NOT_MEMBER) {
      if (leave) {
        session.send(notJoined(name, "leave", id));
      }
      return;
    }
    dropMember(session);
    if (leave) {
      session.leftRoom(key);
      session.send(new ServerMessage.Left(name, session.re(id)));
      ok(session, id, null);
    }
    if (removed == Members.Removed.DEVICE) {
      return; // the account is still here on another session: no one left
    }
    broadcast(leave ? presence(nick, event, session)
        : ServerMessage.Presence.quit(name, nick, session.quitReason()).of(session.account()), null);
  }

  /** {@code session}, just taken out of {@link #members}, leaves the fan-out; an empty room goes or waits. */
  private void dropMember(Member session) {
    fanout.remove(session);
    context.counters().memberLeft();
    memberCount = members.size();
    if (members.size() == 0) {
      if (holdsNothing()) {
        drop();
      } else {
        scheduleExpiry();
      }
    }
  }

  /**
   * Stores and broadcasts a message; the sender's ok carries its seq and msgid. With a store, the
   * store issues the seq; under {@code durability: commit} the broadcast and the ok wait for the
   * commit, and a refusal (full queue, failing disk) answers {@code unavailable} to the sender
   * alone. A {@code txn} the session already sent within the txn window is answered with the first
   * message's seq and msgid and {@code duplicate: true}, and nothing is sent again; while that first
   * message still waits for its commit (a retry on a resumed connection), the answer waits with it,
   * and is the first one's refusal if it was refused.
   */
  CompletionStage<?> say(Member session, String text, String id, String txn, boolean action) {
    if (!mayWrite(session, "say", text, id, RoomAction.SAY)) {
      return ANSWERED;
    }
    String what = "a message in " + name;
    TxnLedger.Claim claim = txn == null ? null : session.claim(txn);
    if (claim != null && !claim.first()) {
      return id == null ? ANSWERED : claim.whenSettled(onLoop, (sent, failure) -> session.send(failure == null
          ? new ServerMessage.Ok(id, sent.seq(), sent.msgid(), true) : refusal(id, "say", what, failure)));
    }
    Instant ts = now();
    String nick = members.nick(session);
    String account = session.account();
    if (store == null) {
      said(session, id, claim, message(history.lastSeq() + 1, nick, account, text, ts, txn, action));
      return ANSWERED;
    }
    CompletableFuture<Long> appended = store.store().append(key, nick, account, text, ts, txn, action);
    if (claim != null) {
      appended.whenComplete((seq, failure) -> {
        if (failure != null) {
          claim.fail(failure);
        }
      });
    }
    return whenStored(appended, session, id, "say", what, seq -> said(session, id, claim, message(seq, nick, account,
        text, ts, txn, action)));
  }

  private ServerMessage.Error refusal(String id, String command, String what, Throwable failure) {
    return store.refusal(id, what, failure).forCommand(command);
  }

  /**
   * Runs {@code then} with the seq the store issued for an event, on the room's loop: in this task
   * when the append is already done (durability async, or refused at once), else when it
   * completes, and the returned stage keeps the session's later commands waiting until then. A
   * refusal answers {@code unavailable} to the session alone.
   */
  private CompletionStage<?> whenStored(CompletableFuture<Long> appended, Member session, String id, String command,
      String what, LongConsumer then) {
    BiFunction<Long, Throwable, Void> stored = (seq, failure) -> {
      if (failure != null) {
        session.send(refusal(id, command, what, failure));
      } else {
        follow(seq);
        then.accept(seq);
      }
      return null;
    };
    if (appended.isDone()) {
      appended.handle(stored);
      return ANSWERED;
    }
    return appended.handleAsync(stored, onLoop);
  }

  /** Makes the ring's next seq the one the store issued (they differ only if the store lost some). */
  private void follow(long seq) {
    if (seq != history.lastSeq() + 1) {
      log.warn("room {}: the store issued seq {} after {}; the in-memory history restarts there", name, seq,
          history.lastSeq());
      history.skipTo(seq - 1);
    }
  }

  private ServerMessage.Message message(long seq, String nick, String account, String text, Instant ts, String txn,
      boolean action) {
    return new ServerMessage.Message(name, seq, nick, text, ts, msgid(seq), txn, action ? true : null, account);
  }

  private void said(Member session, String id, TxnLedger.Claim claim, ServerMessage.Message message) {
    history.append(message);
    context.counters().messageAccepted();
    broadcast(message, session.echoes() ? null : session);
    TxnLedger.Sent sent = new TxnLedger.Sent(message.seq(), message.msgid());
    if (claim != null) {
      claim.settle(sent);
    }
    if (id != null) {
      session.send(new ServerMessage.Ok(id, sent.seq(), sent.msgid(), null));
    }
  }

  /**
   * Sets the topic ({@code ""} clears it) and tells every member. The change takes the room's next
   * seq (contract 1.1) and is held with the messages, for replays to sessions that take events.
   * With a store, the store issues that seq and keeps the change as the room's topic; under
   * {@code durability: commit} it is broadcast and acknowledged only once committed, like a say.
   */
  CompletionStage<?> setTopic(Member session, String text, String id) {
    if (!mayWrite(session, "topic", text, id, RoomAction.SET_TOPIC)) {
      return ANSWERED;
    }
    String by = text.isEmpty() ? null : members.nick(session);
    if (store == null) {
      topicSet(session, text, by, id, history.lastSeq() + 1);
      return ANSWERED;
    }
    return whenStored(store.store().appendTopic(key, text, by == null ? "" : by, now()), session, id, "topic",
        "the topic of " + name, seq -> topicSet(session, text, by, id, seq));
  }

  private void topicSet(Member session, String text, String by, String id, long seq) {
    topic = text;
    topicBy = by;
    ServerMessage.Topic change = new ServerMessage.Topic(name, topic, topicBy, seq);
    history.appendEvent(change);
    broadcast(change, null);
    ok(session, id, null);
  }

  /**
   * The rule for changing the room (say, set the topic): members only, with the role
   * {@code action} needs under the room's modes (§17), text within the limit. Answers the refusal
   * itself.
   */
  private boolean mayWrite(Member session, String command, String text, String id, RoomAction action) {
    if (actor(session, action, command, id) == null) {
      return false;
    }
    return fitsText(session, command, text, id);
  }

  boolean fitsText(Member session, String command, String text, String id) {
    try {
      Validation.checkLength("text", text, context.limits().maxTextLength());
      return true;
    } catch (ChatCodecException tooLong) {
      session.send(ServerMessage.Error.of(tooLong.withRe(id).withCommand(command)));
      return false;
    }
  }

  /** The one answer to a {@code command} that needs membership of a room the session is not in. */
  static ServerMessage.Error notJoined(String room, String command, String id) {
    return new ServerMessage.Error(id, ErrorCode.NOT_JOINED, "not in room '" + room + "'").forCommand(command);
  }

  /** Answers a topic read. */
  void sendTopic(Member session, String id) {
    if (!mayLook(session, "topic", id)) {
      return;
    }
    session.send(new ServerMessage.Topic(name, topic, topicBy, null, session.re(id)));
    ok(session, id, null);
  }

  /** Answers {@code who} with one page of members after the cursor {@code after}. */
  void sendMembers(Member session, String after, int limit, String id) {
    if (!mayLook(session, "who", id)) {
      return;
    }
    Page<String> page = members.page(after, limit);
    String re = session.re(id);
    session.send(FrameFitter.page(page, Names::key,
        (kept, next) -> new ServerMessage.Members(name, kept, next, re, members.accounts(kept), roles(session, kept)),
        session.format(),
        context.allocator()));
    ok(session, id, null);
  }

  /**
   * The roles above {@code member} of the members {@code nicks}, for a session that takes the
   * {@code roles} capability; null for any other (§17.1).
   */
  private Map<String, String> roles(Member session, List<String> nicks) {
    if (!session.takes(Capability.ROLES)) {
      return null;
    }
    Map<String, String> roles = new LinkedHashMap<>();
    for (String nick : nicks) {
      Member member = members.find(nick);
      RoomRole role = rules.role(RoomRules.principal(nick, member == null ? null : member.account()));
      if (role != RoomRole.MEMBER) {
        roles.put(nick, role.wireName());
      }
    }
    return roles;
  }

  /**
   * Answers {@code history}: messages before {@code before}, at most {@code limit}, and never
   * more than fit in one frame of the session's format (the oldest are dropped; page back with
   * {@code before} = the first seq received).
   */
  CompletionStage<?> sendHistory(Member session, Long before, Integer limit, String sinceEpoch, String id) {
    if (!mayLook(session, "history", id)) {
      return ANSWERED;
    }
    if (sinceEpoch != null && !sinceEpoch.equals(epoch)) {
      session.send(new ServerMessage.Error(id, ErrorCode.EPOCH_CHANGED, "room '" + name + "' has a new epoch"
          + " (it was recreated): its seqs count from its new start; join it again and read without 'before'")
          .forCommand("history"));
      return ANSWERED;
    }
    int max = Math.min(limit == null ? context.limits().maxHistoryPerRequest() : limit,
        context.limits().maxHistoryPerRequest());
    long to = Math.min(before == null ? Long.MAX_VALUE : before - 1, history.lastSeq());
    long from = Math.max(1, to - max + 1);
    if (backlog == null || backlog.inMemory(from)) {
      sendHistory(session, history.before(to + 1, max), backlog == null ? oldestHeldMessage() : 1, id);
      return ANSWERED;
    }
    return backlog.collect(from, to, found -> sendHistory(session, found.messages(),
            found.first() > from ? Long.MAX_VALUE : 1, id))
        .exceptionallyAsync(failure -> {
          session.send(store.refusal(id, "the history of " + name, failure).forCommand("history"));
          return null;
        }, onLoop);
  }

  /**
   * Sends one {@code history} page. {@code oldest}: the oldest seq that may still be held, in the
   * ring or (with a store) on disk, or {@code Long.MAX_VALUE} when the store keeps nothing older
   * than {@code messages}; {@code more} when the page (cut to fit a frame) starts after it.
   */
  private void sendHistory(Member session, List<ServerMessage.Message> messages, long oldest, String id) {
    long floor = oldest == Long.MAX_VALUE && !messages.isEmpty() ? messages.get(0).seq() : oldest;
    String re = session.re(id);
    session.send(FrameFitter.fit(messages, kept -> new ServerMessage.History(name, kept,
        !kept.isEmpty() && kept.get(0).seq() > floor, re), true, session.format(), context.allocator()));
    ok(session, id, null);
  }

  /** The seq of the oldest message the ring holds (its oldest entry may be an event), or none. */
  private long oldestHeldMessage() {
    List<ServerMessage.Message> oldest = history.after(history.firstSeq() - 1, 1);
    return oldest.isEmpty() ? Long.MAX_VALUE : oldest.get(0).seq();
  }

  // ---- moderation (§17): the rules' checks and how a change is recorded; the commands are RoomModeration's ----

  /** The room's moderation commands (§17). */
  RoomModeration moderation() {
    return moderation;
  }

  Members members() {
    return members;
  }

  RoomRules rules() {
    return rules;
  }

  RoomContext context() {
    return context;
  }

  /** The modes changed: the {@code secret} listings read follows them. */
  void modesApplied() {
    secret = rules.modes().secret();
  }

  /** The role {@code session} holds here, by the nick the room knows it by. */
  RoomRole roleOf(Member session) {
    return rules.role(RoomRules.principal(members.nick(session), session.account()));
  }

  /**
   * The role of {@code session} when it is a member whose role allows {@code action}; else
   * answers {@code not_joined} or {@code forbidden} and returns null.
   */
  RoomRole actor(Member session, RoomAction action, String command, String id) {
    if (!members.contains(session)) {
      session.send(notJoined(name, command, id));
      return null;
    }
    RoomRole role = roleOf(session);
    if (!action.allows(role, rules.modes())) {
      session.send(forbidden(id, command, switch (action) {
        case SAY -> "room '" + name + "' is moderated: only voiced members and ops speak";
        case SET_TOPIC -> "the topic of room '" + name + "' is locked: only its ops set it";
        case INVITE -> "room '" + name + "' is invite-only: only its ops invite";
        default -> command + " needs the role op or owner in room '" + name + "'; you are " + role.wireName();
      }));
      return null;
    }
    return role;
  }

  static ServerMessage.Error forbidden(String id, String command, String message) {
    return new ServerMessage.Error(id, ErrorCode.FORBIDDEN, message).forCommand(command);
  }

  /**
   * Whether {@code session} may read the room's topic, members, history or modes without being
   * in it: yes for a public room, members only for a secret, invite-only or keyed one (§17.5).
   * A secret room answers as if it did not exist.
   */
  boolean mayLook(Member session, String command, String id) {
    if (!rules.isPrivate() || members.contains(session)) {
      return true;
    }
    session.send(rules.modes().secret()
        ? new ServerMessage.Error(id, ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'").forCommand(command)
        : forbidden(id, command, "room '" + name + "' shows this to its members only"));
    return false;
  }

  /**
   * Records a moderation event: it takes the room's next seq (the store's, when there is one;
   * {@code change} is then written in the same transaction when an account owns the room), and
   * once it has, {@code apply} changes the room and tells the members, and the actor gets
   * {@code ok}. A refusal of the store answers {@code unavailable} and changes nothing.
   */
  CompletionStage<?> record(Member session, String id, String command, ServerMessage.RoomEvent event,
      RuleChange change, java.util.function.Consumer<ServerMessage.RoomEvent> apply) {
    if (store == null) {
      recorded(session, id, event.withSeq(history.lastSeq() + 1), apply);
      return ANSWERED;
    }
    return whenStored(store.store().appendEvent(key, event.by(), RoomEventText.encode(event), now(),
            rules.owned() ? change : null), session, id, command, "a " + command + " in " + name,
        seq -> recorded(session, id, event.withSeq(seq), apply));
  }

  private void recorded(Member session, String id, ServerMessage.RoomEvent event,
      java.util.function.Consumer<ServerMessage.RoomEvent> apply) {
    history.appendEvent(event);
    apply.accept(event);
    ok(session, id, null);
  }

  /** A moderation event goes to the members that take events; v1 has nothing to show for it. */
  void broadcastEvent(ServerMessage.RoomEvent event) {
    fanout.broadcast(event, null, taking(Capability.EVENTS));
  }

  void kicked(Member target, ServerMessage.Kick kick) {
    Predicate<Recipient> events = taking(Capability.EVENTS);
    fanout.broadcast(kick, null, events);
    for (Member session : members.sessionsOf(target)) { // every device of the kicked member; none if it left
      if (members.leave(session) == Members.Removed.LAST) {
        fanout.broadcast(presence(kick.nick(), ServerMessage.Presence.LEAVE, session), session,
            events.negate());
      }
      if (!session.takes(Capability.EVENTS)) {
        session.send(new ServerMessage.Left(name));
      }
      session.leftRoom(key);
      dropMember(session);
    }
  }

  /** A member's fanout format or echo changed: the fan-out reads them again (room loop only). */
  void regroup() {
    fanout.regroup();
  }

  private void broadcast(ServerMessage message, Member except) {
    fanout.broadcast(message, except);
  }

  static void ok(Member session, String id, Long seq) {
    if (id != null) {
      session.send(new ServerMessage.Ok(id, seq));
    }
  }

  Instant now() {
    return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** An empty room with no message held and no topic has nothing to keep: it goes at once. */
  private boolean holdsNothing() {
    return topic.isEmpty() && history.firstSeq() > history.lastSeq();
  }

  private void scheduleExpiry() {
    cancelExpiry();
    long millis = context.emptyRoomRetention().toMillis();
    expiry = loop.schedule(() -> {
      if (members.size() == 0) {
        drop();
      }
    }, millis, TimeUnit.MILLISECONDS);
  }

  private void drop() {
    if (!removed) {
      removed = true;
      history.clear();
      registry.remove(this);
    }
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  /** Drops the room now (server shutdown). */
  void dispose() {
    cancelExpiry();
    removed = true;
    history.clear();
  }
}
