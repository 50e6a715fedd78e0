package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.Validation;
import io.netchat.server.fanout.Fanout;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One chat room and its rules: who is in it, {@code seq}, history, topic, expiry. It is the only
 * authority on its membership: every room command reaches it, and it answers {@code not_joined}
 * itself. All of its state lives on one event loop ({@link #loop()}); every operation runs there,
 * which is what gives every member the same order and a gap-free {@code seq}. Delivering a
 * broadcast (encode once, hand off per loop, reference counts) is its {@link Fanout}'s job.
 *
 * <p>Contract 1.1: {@code seq} numbers the room's events, a topic change as well as a message;
 * the room's {@code epoch} names that numbering (a room recreated under the same name has a new
 * one), and each message's {@code msgid} is derived from the room, the epoch and the seq.
 */
public final class Room {
  private final String name;
  private final String key;
  private final String epoch;
  private final String msgidPrefix;
  private final EventLoop loop;
  private final RoomContext context;
  private final RoomRegistry registry;
  private final HistoryStore history;
  private final Members members = new Members();
  private final Fanout fanout;
  private volatile String topic = "";
  private volatile String topicBy;
  private volatile int memberCount;
  private ScheduledFuture<?> expiry;
  private boolean removed;

  /**
   * @param epoch the room's opaque epoch (contract 1.1): new whenever the continuity of its seqs
   *     cannot be proven, e.g. a room created anew
   */
  Room(String name, String epoch, EventLoop loop, RoomContext context, RoomRegistry registry) {
    this.name = name;
    this.key = Names.key(name);
    this.epoch = epoch;
    this.msgidPrefix = MessageIds.roomPrefix(key, epoch);
    this.loop = loop;
    this.context = context;
    this.registry = registry;
    this.history = context.historyFactory().create(context.limits().historySize(), loop);
    this.fanout = new Fanout(context.formats(), context.allocator(), context.counters().deliveries());
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

  /** The room's epoch (contract 1.1). */
  public String epoch() {
    return epoch;
  }

  /** The msgid of the room's message {@code seq} (contract 1.1). */
  public String msgid(long seq) {
    return MessageIds.sequenced(msgidPrefix, seq);
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
   * page and {@code recovered: false}.
   */
  void join(Member session, Long since, String sinceEpoch, String id) {
    if (removed) {
      registry.rejoin(session, name, since, sinceEpoch, id);
      return;
    }
    boolean added = false;
    if (!members.contains(session)) {
      if (members.size() >= context.limits().maxMembersPerRoom()) {
        session.joinAnswered(key, false);
        session.send(new LimitReached("max_members_per_room",
            "room '" + name + "' is full (" + members.size() + " members)").error(id, "join"));
        return;
      }
      members.add(session);
      context.counters().memberJoined();
      fanout.add(session);
      memberCount = members.size();
      cancelExpiry();
      added = true;
    }
    session.joinAnswered(key, true);
    // a v1 join (no epoch) replays after since as it always did; one naming this epoch too, as long
    // as since is a seq of it; any other since counts in a numbering that is gone
    boolean sameNumbering = since != null && (sinceEpoch == null
        || sinceEpoch.equals(epoch) && since <= history.lastSeq());
    Long replayFrom = sameNumbering ? since : null;
    boolean recovered = sameNumbering && sinceEpoch != null && since + 1 >= history.firstSeq();
    session.send(joined(session, recovered, id));
    sendBacklog(session, replayFrom);
    ok(session, id, null);
    if (added) {
      broadcast(new ServerMessage.Presence(name, session.nick(), ServerMessage.Presence.JOIN), session);
    }
  }

  /**
   * The {@code joined} answer: the first page of {@code who} (same order and cap) and the member
   * count, cut further if it would not fit a frame of the session's format; the topic never is.
   */
  private ByteBuf joined(Member session, boolean recovered, String id) {
    int total = members.size();
    long seq = history.lastSeq();
    String re = session.re(id);
    List<String> nicks = nicks(members.page(null, registry.pageSize(null)).items());
    return FrameFitter.fit(nicks, kept -> new ServerMessage.Joined(name, topic, kept, seq, total, epoch, recovered, re),
        false, session.format(), context.allocator());
  }

  /**
   * {@code resumed} takes {@code old}'s place ({@code hello{resume}}): same nick, so the other
   * members are told nothing. Does nothing when {@code old} is no longer a member.
   */
  void takeOver(Member old, Member resumed) {
    if (removed || !members.remove(old)) {
      resumed.joinAnswered(key, false);
      return;
    }
    fanout.remove(old);
    if (!members.contains(resumed)) {
      members.add(resumed);
      fanout.add(resumed);
    }
    memberCount = members.size();
    resumed.joinAnswered(key, true);
  }

  private static List<String> nicks(List<Member> page) {
    List<String> nicks = new ArrayList<>(page.size());
    for (Member member : page) {
      nicks.add(member.nick());
    }
    return nicks;
  }

  /**
   * The backlog: without {@code since} the latest page of messages; with it, everything held after
   * it (after a {@code gap} for what is not held any more), room events included for a session
   * that takes them.
   */
  private void sendBacklog(Member session, Long since) {
    List<? extends ServerMessage> backlog;
    if (since == null) {
      backlog = history.before(Long.MAX_VALUE, context.limits().maxHistoryPerRequest());
    } else {
      long first = history.firstSeq();
      if (since + 1 < first) {
        session.send(new ServerMessage.Gap(name, since + 1, first - 1));
      }
      int max = context.limits().historySize();
      backlog = session.wantsEvents() ? history.eventsAfter(since, max) : history.after(since, max);
    }
    for (ServerMessage event : backlog) {
      session.send(event);
    }
  }

  /** Removes {@code session}; {@code event} is {@code leave} (answered with left) or {@code quit}. */
  void remove(Member session, String event, String id) {
    boolean leave = ServerMessage.Presence.LEAVE.equals(event);
    if (!members.remove(session)) {
      if (leave) {
        session.send(notJoined(name, "leave", id));
      }
      return;
    }
    fanout.remove(session);
    context.counters().memberLeft();
    memberCount = members.size();
    if (leave) {
      session.leftRoom(key);
      session.send(new ServerMessage.Left(name, session.re(id)));
      ok(session, id, null);
    }
    broadcast(new ServerMessage.Presence(name, session.nick(), event), null);
    if (members.size() == 0) {
      if (holdsNothing()) {
        drop();
      } else {
        scheduleExpiry();
      }
    }
  }

  /**
   * Stores and broadcasts a message; the sender's ok carries its seq and msgid. A {@code txn} the
   * session already sent within the txn window is answered with the first message's seq and msgid
   * and {@code duplicate: true}, and nothing is sent again.
   */
  void say(Member session, String text, String id, String txn) {
    if (!mayWrite(session, "say", text, id)) {
      return;
    }
    TxnLedger.Sent earlier = txn == null ? null : session.sentBefore(txn);
    if (earlier != null) {
      if (id != null) {
        session.send(new ServerMessage.Ok(id, earlier.seq(), earlier.msgid(), true));
      }
      return;
    }
    long seq = history.lastSeq() + 1;
    ServerMessage.Message message = new ServerMessage.Message(
        name, seq, session.nick(), text, now(), msgid(seq), txn);
    history.append(message);
    context.counters().messageAccepted();
    broadcast(message, null);
    if (txn != null) {
      session.sent(txn, new TxnLedger.Sent(seq, message.msgid()));
    }
    if (id != null) {
      session.send(new ServerMessage.Ok(id, seq, message.msgid(), null));
    }
  }

  /**
   * Sets the topic ({@code ""} clears it) and tells every member. The change takes the room's next
   * seq (contract 1.1) and is held with the messages, for replays to sessions that take events.
   */
  void setTopic(Member session, String text, String id) {
    if (!mayWrite(session, "topic", text, id)) {
      return;
    }
    topic = text;
    topicBy = text.isEmpty() ? null : session.nick();
    ServerMessage.Topic change = new ServerMessage.Topic(name, topic, topicBy, history.lastSeq() + 1);
    history.appendEvent(change);
    broadcast(change, null);
    ok(session, id, null);
  }

  /**
   * The rule for changing the room (say, set the topic): members only, text within the limit.
   * Answers the refusal itself.
   */
  private boolean mayWrite(Member session, String command, String text, String id) {
    if (!members.contains(session)) {
      session.send(notJoined(name, command, id));
      return false;
    }
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
    session.send(new ServerMessage.Topic(name, topic, topicBy, null, session.re(id)));
    ok(session, id, null);
  }

  /** Answers {@code who} with one page of members after the cursor {@code after}. */
  void sendMembers(Member session, String after, int limit, String id) {
    Page<Member> page = members.page(after, limit);
    String re = session.re(id);
    session.send(FrameFitter.page(new Page<>(nicks(page.items()), page.more()), Names::key,
        (kept, next) -> new ServerMessage.Members(name, kept, next, re), session.format(), context.allocator()));
    ok(session, id, null);
  }

  /**
   * Answers {@code history}: messages before {@code before}, at most {@code limit}, and never
   * more than fit in one frame of the session's format (the oldest are dropped; page back with
   * {@code before} = the first seq received).
   */
  void sendHistory(Member session, Long before, Integer limit, String sinceEpoch, String id) {
    if (sinceEpoch != null && !sinceEpoch.equals(epoch)) {
      session.send(new ServerMessage.Error(id, ErrorCode.EPOCH_CHANGED, "room '" + name + "' has a new epoch"
          + " (it was recreated): its seqs count from its new start; join it again and read without 'before'").forCommand("history"));
      return;
    }
    int max = Math.min(limit == null ? context.limits().maxHistoryPerRequest() : limit,
        context.limits().maxHistoryPerRequest());
    List<ServerMessage.Message> messages = history.before(before == null ? Long.MAX_VALUE : before, max);
    String re = session.re(id);
    session.send(FrameFitter.fit(messages, kept -> new ServerMessage.History(name, kept,
        !kept.isEmpty() && !history.before(kept.get(0).seq(), 1).isEmpty(), re), true, session.format(),
        context.allocator()));
    ok(session, id, null);
  }

  /** Whether the room is empty and may be dropped (room loop only). */
  boolean isEmpty() {
    return members.size() == 0;
  }

  private void broadcast(ServerMessage message, Member except) {
    fanout.broadcast(message, except);
  }

  private static void ok(Member session, String id, Long seq) {
    if (id != null) {
      session.send(new ServerMessage.Ok(id, seq));
    }
  }

  private Instant now() {
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
