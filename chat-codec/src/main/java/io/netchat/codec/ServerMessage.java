package io.netchat.codec;

import static io.netchat.codec.Validation.requirePresent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event the server sends to a client (docs/PROTOCOL.md §6): answers to commands, room traffic,
 * presence, and connection control ({@code ping}, {@code bye}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
  @JsonSubTypes.Type(value = ServerMessage.Joined.class, name = "joined"),
  @JsonSubTypes.Type(value = ServerMessage.Left.class, name = "left"),
  @JsonSubTypes.Type(value = ServerMessage.Message.class, name = "message"),
  @JsonSubTypes.Type(value = ServerMessage.Dm.class, name = "dm"),
  @JsonSubTypes.Type(value = ServerMessage.Presence.class, name = "presence"),
  @JsonSubTypes.Type(value = ServerMessage.Topic.class, name = "topic"),
  @JsonSubTypes.Type(value = ServerMessage.Members.class, name = "members"),
  @JsonSubTypes.Type(value = ServerMessage.Rooms.class, name = "rooms"),
  @JsonSubTypes.Type(value = ServerMessage.History.class, name = "history"),
  @JsonSubTypes.Type(value = ServerMessage.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = ServerMessage.Ok.class, name = "ok"),
  @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerMessage.Gap.class, name = "gap"),
  @JsonSubTypes.Type(value = ServerMessage.Bye.class, name = "bye"),
  @JsonSubTypes.Type(value = ServerMessage.Whois.class, name = "whois"),
  @JsonSubTypes.Type(value = ServerMessage.Kick.class, name = "kick"),
  @JsonSubTypes.Type(value = ServerMessage.Role.class, name = "role"),
  @JsonSubTypes.Type(value = ServerMessage.Mode.class, name = "mode"),
  @JsonSubTypes.Type(value = ServerMessage.Ban.class, name = "ban"),
  @JsonSubTypes.Type(value = ServerMessage.Unban.class, name = "unban"),
  @JsonSubTypes.Type(value = ServerMessage.Bans.class, name = "bans"),
  @JsonSubTypes.Type(value = ServerMessage.Invite.class, name = "invite"),
  @JsonSubTypes.Type(value = ServerMessage.Notice.class, name = "notice"),
  @JsonSubTypes.Type(value = ServerMessage.DmStream.class, name = "dms"),
})
// A number of a primitive type is marked required: absent, Jackson would read it as 0 (a seq of 0).
public sealed interface ServerMessage {

  /**
   * Answer to {@code hello}: the nick as registered, the server's name and its limits. To a 1.1
   * session also the contract version the server speaks ({@code protocol}), the capabilities
   * enabled ({@code caps}, a subset of those asked), the session's {@code session} secret for
   * {@code hello{resume}}, the server clock ({@code ts}) and {@code re}.
   */
  @JsonTypeName("welcome")
  record Welcome(String nick, String server, Limits limits, Integer protocol, List<String> caps, String session,
      Instant ts, String re) implements Answer {
    public Welcome {
      requirePresent("nick", nick);
      requirePresent("server", server);
      requirePresent("limits", limits);
      caps = caps == null ? null : List.copyOf(caps);
    }

    /** A v1 welcome. */
    public Welcome(String nick, String server, Limits limits) {
      this(nick, server, limits, null, null, null, null, null);
    }
  }

  /**
   * Answer to {@code join}: the room's topic ({@code ""} when unset), members and last seq. From
   * contract 1.1, {@code members} is the first page of {@code who} (capped) and
   * {@code member_count} the total; absent (a v1 server), it is the size of {@code members}.
   * {@code epoch} (contract 1.1) names the room's numbering: seqs of one epoch never mean other
   * messages. {@code recovered} is {@code true} when a {@code join{since, epoch}} was answered from
   * that same epoch with every missed message, {@code false} otherwise (the backlog is then the
   * latest page and the client re-syncs). {@code accounts} (§12.9) maps each listed member
   * logged in to an account to that account's name; guests are not in it, and it is absent when
   * no listed member has an account. {@code roles} (capability {@code roles}, §17.1): the role
   * of each member listed whose role is above {@code member}. {@code role} (contract 1.1, §17) is
   * the joiner's own role in the room: {@code owner}, {@code op}, {@code voice} or {@code member};
   * absent to a v1 session.
   */
  @JsonTypeName("joined")
  record Joined(String room, String topic, List<String> members, @JsonProperty(required = true) long seq,
      @JsonProperty("member_count") Integer memberCount, String epoch, Boolean recovered, String re, String role,
      Map<String, String> accounts, Map<String, String> roles) implements Answer {
    public Joined {
      requirePresent("room", room);
      requirePresent("members", members);
      members = List.copyOf(members);
      if (memberCount == null) {
        memberCount = members.size();
      }
      accounts = Validation.accountsOf(accounts);
      roles = roles == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /**
     * An answer without the joiner's {@code role}, accounts or roles (a server before them, or a v1
     * session with {@code re} null).
     */
    public Joined(String room, String topic, List<String> members, long seq, Integer memberCount, String epoch,
        Boolean recovered, String re) {
      this(room, topic, members, seq, memberCount, epoch, recovered, re, null, null, null);
    }

    /** An answer naming the joiner's {@code role}, without accounts or roles of the members listed. */
    public Joined(String room, String topic, List<String> members, long seq, Integer memberCount, String epoch,
        Boolean recovered, String re, String role) {
      this(room, topic, members, seq, memberCount, epoch, recovered, re, role, null, null);
    }

    /** A room whose every member is listed. */
    public Joined(String room, String topic, List<String> members, long seq) {
      this(room, topic, members, seq, null);
    }

    /** An answer without an epoch or {@code re} (a v1 server). */
    public Joined(String room, String topic, List<String> members, long seq, Integer memberCount) {
      this(room, topic, members, seq, memberCount, null, null, null);
    }

    /** An answer without {@code re}: the one a v1 session gets. */
    public Joined(String room, String topic, List<String> members, long seq, Integer memberCount, String epoch,
        Boolean recovered) {
      this(room, topic, members, seq, memberCount, epoch, recovered, null);
    }

    /** Whether the server said the missed messages were all handed over from the same epoch. */
    public boolean wasRecovered() {
      return Boolean.TRUE.equals(recovered);
    }

    /** The account of the listed member {@code nick}, or null (a guest, or a server that does not say). */
    public String accountOf(String nick) {
      return accounts == null ? null : accounts.get(nick);
    }
  }

  /** Answer to {@code leave}; {@code re} (1.1) the command's id. */
  @JsonTypeName("left")
  record Left(String room, String re) implements Answer {
    public Left {
      requirePresent("room", room);
    }

    public Left(String room) {
      this(room, null);
    }
  }

  /**
   * A room message, numbered by the room's {@code seq}. From contract 1.1, {@code msgid} is its
   * opaque, never-reused identity and {@code txn} the sender's retry token, when it sent one;
   * {@code action} (§14) is {@code true} for an action ({@code /me}), absent otherwise;
   * {@code account} (§12.9) the account the sender was logged in to when it sent it, absent for a
   * guest.
   */
  @JsonTypeName("message")
  record Message(String room, @JsonProperty(required = true) long seq, String from, String text, Instant ts,
      String msgid, String txn, Boolean action, String account) implements ServerMessage {
    public Message {
      requirePresent("room", room);
      requirePresent("from", from);
      requirePresent("text", text);
      requirePresent("ts", ts);
      if (Boolean.FALSE.equals(action)) {
        action = null;
      }
    }

    /** A message without identity (a v1 server). */
    public Message(String room, long seq, String from, String text, Instant ts) {
      this(room, seq, from, text, ts, null, null);
    }

    /** A plain (not action) message. */
    public Message(String room, long seq, String from, String text, Instant ts, String msgid, String txn) {
      this(room, seq, from, text, ts, msgid, txn, null);
    }

    /** A message from a guest (no {@code account}). */
    public Message(String room, long seq, String from, String text, Instant ts, String msgid, String txn,
        Boolean action) {
      this(room, seq, from, text, ts, msgid, txn, action, null);
    }

    /** Whether this is an action ({@code /me}). */
    public boolean hasAction() {
      return Boolean.TRUE.equals(action);
    }
  }

  /**
   * A direct message; {@code msgid} and {@code txn} as on {@link Message} (contract 1.1), and
   * {@code stored: true} on one the server kept while its recipient was offline, delivered at its
   * login (§18). {@code account} (§12.9) is the sender's account, absent for a guest. To a session
   * with the {@code dmstream} capability (§18.5), a dm of its account's stream carries that
   * stream's {@code seq} and {@code epoch}; absent otherwise.
   */
  @JsonTypeName("dm")
  record Dm(String from, String to, String text, Instant ts, String msgid, String txn, Boolean stored,
      String account, Long seq, String epoch) implements ServerMessage {
    public Dm {
      requirePresent("from", from);
      requirePresent("to", to);
      requirePresent("text", text);
      requirePresent("ts", ts);
      if (Boolean.FALSE.equals(stored)) {
        stored = null;
      }
    }

    public Dm(String from, String to, String text, Instant ts, String msgid, String txn) {
      this(from, to, text, ts, msgid, txn, null);
    }

    /** A dm from a guest, outside any dm stream. */
    public Dm(String from, String to, String text, Instant ts, String msgid, String txn, Boolean stored) {
      this(from, to, text, ts, msgid, txn, stored, null, null, null);
    }

    /** The same dm as the {@code seq} of the stream {@code epoch} (§18.5). */
    public Dm inStream(long seq, String epoch) {
      return new Dm(from, to, text, ts, msgid, txn, stored, account, seq, epoch);
    }

    /** The same dm outside any stream: what a session without {@code dmstream} gets. */
    public Dm outsideStream() {
      return seq == null && epoch == null ? this : new Dm(from, to, text, ts, msgid, txn, stored, account, null, null);
    }

    /** The same dm marked {@code stored} (or not: {@code null}). */
    public Dm withStored(Boolean kept) {
      return new Dm(from, to, text, ts, msgid, txn, kept, account, seq, epoch);
    }

    /** Whether the server kept this dm while its recipient had no session (§18); {@code ts} is when it was sent. */
    public boolean wasStored() {
      return Boolean.TRUE.equals(stored);
    }

    /** A dm without identity (a v1 server). */
    public Dm(String from, String to, String text, Instant ts) {
      this(from, to, text, ts, null, null);
    }
  }

  /**
   * Someone joined, left or quit a room. Contract 1.1 (§14) adds {@code reason} on a
   * {@code quit} (the {@code quit{reason}} the member sent), and, to sessions that negotiated the
   * capability, the events {@code nick} (the member {@code nick} is now {@code new_nick};
   * capability {@code nick}), {@code away} (with the away {@code text}) and {@code back}
   * (capability {@code away}); and (§12.9) the member's {@code account}, absent for a guest.
   */
  @JsonTypeName("presence")
  record Presence(String room, String nick, String event, @JsonProperty("new_nick") String newNick, String text,
      String reason, String account) implements ServerMessage {
    /** {@code event} when a member joins. */
    public static final String JOIN = "join";
    /** {@code event} when a member leaves. */
    public static final String LEAVE = "leave";
    /** {@code event} when a member's session ends (quit or dropped connection). */
    public static final String QUIT = "quit";
    /** {@code event} when a member changes its nick to {@code new_nick} (capability {@code nick}). */
    public static final String NICK = "nick";
    /** {@code event} when a member sets an away message (capability {@code away}). */
    public static final String AWAY = "away";
    /** {@code event} when a member clears its away message (capability {@code away}). */
    public static final String BACK = "back";

    public Presence {
      requirePresent("room", room);
      requirePresent("nick", nick);
      requirePresent("event", event);
    }

    /** A v1 presence: join, leave or quit. */
    public Presence(String room, String nick, String event) {
      this(room, nick, event, null, null, null);
    }

    /** A presence of a guest. */
    public Presence(String room, String nick, String event, String newNick, String text, String reason) {
      this(room, nick, event, newNick, text, reason, null);
    }

    /** The same event naming the member's {@code account} (null: a guest). */
    public Presence of(String memberAccount) {
      return java.util.Objects.equals(account, memberAccount) ? this
          : new Presence(room, nick, event, newNick, text, reason, memberAccount);
    }

    /** {@code nick} quit the server, saying {@code reason} (null: none). */
    public static Presence quit(String room, String nick, String reason) {
      return new Presence(room, nick, QUIT, null, null, reason);
    }

    /** {@code nick} is now {@code newNick}. */
    public static Presence nickChange(String room, String nick, String newNick) {
      return new Presence(room, nick, NICK, newNick, null, null);
    }

    /** {@code nick} is away ({@code text} non-null) or back ({@code text} null). */
    public static Presence away(String room, String nick, String text) {
      return new Presence(room, nick, text == null ? BACK : AWAY, null, text, null);
    }
  }

  /**
   * A room's topic ({@code ""} when unset; {@code by} absent then). When the topic is set, the
   * broadcast carries the {@code seq} the change takes in the room's stream (contract 1.1); the
   * answer to a topic read has none, and {@code re} (1.1) only that answer, never the broadcast.
   */
  @JsonTypeName("topic")
  record Topic(String room, String text, String by, Long seq, String re) implements Answer {
    public Topic {
      requirePresent("room", room);
      requirePresent("text", text);
    }

    /** A topic without a seq or {@code re} (a v1 server). */
    public Topic(String room, String text, String by) {
      this(room, text, by, null, null);
    }

    /** A change's broadcast: its seq in the room's stream, never {@code re}. */
    public Topic(String room, String text, String by, Long seq) {
      this(room, text, by, seq, null);
    }
  }

  /**
   * Answer to {@code who}: one page of nicks; {@code next} (contract 1.1, absent on the last
   * page) is the opaque {@code after} of the next page; {@code accounts} (§12.9) as on
   * {@link Joined}: each listed member's account, guests left out, absent when there is none;
   * {@code roles} (capability {@code roles}, §17.1) the role of each nick of the page whose role is
   * above {@code member}.
   */
  @JsonTypeName("members")
  record Members(String room, List<String> nicks, String next, String re, Map<String, String> accounts,
      Map<String, String> roles)
      implements Answer {
    public Members {
      requirePresent("room", room);
      nicks = List.copyOf(requirePresent("nicks", nicks));
      accounts = Validation.accountsOf(accounts);
      roles = roles == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /** A page that names no account and no role. */
    public Members(String room, List<String> nicks, String next, String re) {
      this(room, nicks, next, re, null, null);
    }

    /** The account of the listed member {@code nick}, or null (a guest, or a server that does not say). */
    public String accountOf(String nick) {
      return accounts == null ? null : accounts.get(nick);
    }

    /** The last (or only) page. */
    public Members(String room, List<String> nicks) {
      this(room, nicks, null, null);
    }

    /** A page without {@code re}. */
    public Members(String room, List<String> nicks, String next) {
      this(room, nicks, next, null);
    }
  }

  /**
   * Answer to {@code rooms}: one page of rooms; {@code next} (contract 1.1, absent on the last
   * page) is the opaque {@code after} of the next page.
   */
  @JsonTypeName("rooms")
  record Rooms(List<RoomInfo> rooms, String next, String re) implements Answer {
    public Rooms {
      rooms = List.copyOf(requirePresent("rooms", rooms));
    }

    /** The last (or only) page. */
    public Rooms(List<RoomInfo> rooms) {
      this(rooms, null, null);
    }

    /** A page without {@code re}. */
    public Rooms(List<RoomInfo> rooms, String next) {
      this(rooms, next, null);
    }
  }

  /** One entry of {@code rooms}: name, member count and topic. */
  record RoomInfo(String name, @JsonProperty(required = true) int members, String topic) {
    public RoomInfo {
      requirePresent("name", name);
    }
  }

  /**
   * Answer to {@code history}: stored messages, oldest first; {@code more} (contract 1.1) is
   * {@code true} when older messages are held before the first one returned, absent otherwise.
   */
  @JsonTypeName("history")
  record History(String room, List<Message> messages, Boolean more, String re) implements Answer {
    public History {
      requirePresent("room", room);
      messages = List.copyOf(requirePresent("messages", messages));
      if (Boolean.FALSE.equals(more)) {
        more = null;
      }
    }

    /** An answer that does not say whether there is more (a v1 server). */
    public History(String room, List<Message> messages) {
      this(room, messages, null, null);
    }

    /** An answer without {@code re}. */
    public History(String room, List<Message> messages, Boolean more) {
      this(room, messages, more, null);
    }

    /** Whether older messages are held before the first one returned. */
    public boolean hasMore() {
      return Boolean.TRUE.equals(more);
    }
  }

  /** The server checks that the client is alive; the client answers {@code pong} with the id. */
  @JsonTypeName("ping")
  record Ping(String id) implements ServerMessage {}

  /** Answer to a client {@code ping}, echoing its id. */
  @JsonTypeName("pong")
  record Pong(String id) implements ServerMessage {}

  /**
   * Success of the command whose id is {@code re}; {@code seq} for an accepted {@code say}. From
   * contract 1.1, {@code msgid} for an accepted {@code say} or {@code dm}, and {@code duplicate}
   * {@code true} when it repeated a {@code txn} already accepted (the first one's seq and msgid;
   * nothing was sent again); absent otherwise. From §18, {@code delivery} on the answer to a
   * {@code dm}: {@link #DELIVERED} or {@link #STORED}.
   */
  @JsonTypeName("ok")
  record Ok(String re, Long seq, String msgid, Boolean duplicate, String delivery) implements ServerMessage {
    /** {@code delivery} of a dm that reached at least one session of its recipient (§18). */
    public static final String DELIVERED = "delivered";
    /** {@code delivery} of a dm kept for a registered recipient with no session, until its next login (§18). */
    public static final String STORED = "stored";

    public Ok {
      requirePresent("re", re);
      if (Boolean.FALSE.equals(duplicate)) {
        duplicate = null;
      }
    }

    public Ok(String re, Long seq, String msgid, Boolean duplicate) {
      this(re, seq, msgid, duplicate, null);
    }

    public Ok(String re) {
      this(re, null);
    }

    public Ok(String re, Long seq) {
      this(re, seq, null, null);
    }

    /** Whether this answers a repeated {@code txn}. */
    public boolean wasDuplicate() {
      return Boolean.TRUE.equals(duplicate);
    }
  }

  /**
   * Failure of a command ({@code re} = its id, when it had one), with a typed code. Contract 1.1
   * adds {@code command} (the failing command's type, also without {@code id}), {@code temporary}
   * ({@code true} when the same command may succeed later; absent otherwise),
   * {@code retry_after_ms} (for {@code rate_limited}: when the next command is allowed) and
   * {@code limit} (for {@code limit_reached}: the configuration key of the limit).
   */
  @JsonTypeName("error")
  record Error(String re, String code, String message, String command, Boolean temporary,
      @JsonProperty("retry_after_ms") Long retryAfterMs, String limit) implements ServerMessage {
    public Error {
      requirePresent("code", code);
      requirePresent("message", message);
      if (Boolean.FALSE.equals(temporary)) {
        temporary = null;
      }
    }

    public Error(String re, ErrorCode code, String message) {
      this(re, code.wireName(), message);
    }

    /** A v1 error. */
    public Error(String re, String code, String message) {
      this(re, code, message, null, null, null, null);
    }

    /** The error for a contract violation, naming the command type when it could be read. */
    public static Error of(ChatCodecException e) {
      return new Error(e.re(), e.code().wireName(), e.getMessage(), e.command(), e.code().temporary() ? true : null,
          null, null);
    }

    /** The same error naming {@code type} as the failing command (when it names none yet). */
    public Error forCommand(String type) {
      return command != null || type == null ? this : new Error(re, code, message, type, temporary, retryAfterMs, limit);
    }

    /** The same error, temporary, naming the {@code limit} reached. */
    public Error limited(String limitKey, Long retryAfter) {
      return new Error(re, code, message, command, true, retryAfter, limitKey);
    }

    /** This error as a v1 session sees it: {@code re}, {@code code} and {@code message} only. */
    public Error v1() {
      return command == null && temporary == null && retryAfterMs == null && limit == null
          ? this : new Error(re, code, message);
    }

    /** The typed code, or {@code null} for a code this version does not know. */
    public ErrorCode errorCode() {
      return ErrorCode.fromWire(code);
    }
  }

  /**
   * Messages {@code from}..{@code to} (inclusive) of a room are no longer held. From §18, with
   * {@code dms: true} and no {@code room}: of the dms kept for the account while it had no
   * session, numbered 1, 2, … in the order they were kept, {@code from}..{@code to} were dropped
   * (the oldest, past the bound per account); the ones delivered follow. In the answer to
   * {@code dms} (§18.5), {@code from}..{@code to} are seqs of the account's dm stream no longer held.
   */
  @JsonTypeName("gap")
  record Gap(String room, @JsonProperty(required = true) long from, @JsonProperty(required = true) long to,
      Boolean dms) implements ServerMessage {
    public Gap {
      if (Boolean.FALSE.equals(dms)) {
        dms = null;
      }
      if (dms == null) {
        requirePresent("room", room);
      }
    }

    /** A gap in a room's messages. */
    public Gap(String room, long from, long to) {
      this(room, from, to, null);
    }

    /** The offline dms {@code from}..{@code to} of the account were dropped (§18). */
    public static Gap ofDms(long from, long to) {
      return new Gap(null, from, to, true);
    }

    /** Whether this gap is in the account's offline dms rather than a room's messages. */
    public boolean inDms() {
      return Boolean.TRUE.equals(dms);
    }
  }

  /**
   * The server is closing this connection, and why: {@code reason} is text for people (the v1
   * field); contract 1.1 adds the stable {@code code} ({@link ByeCode}), whether the client
   * should {@code reconnect}, and when ({@code retry_after_ms}, at the earliest).
   */
  @JsonTypeName("bye")
  record Bye(String reason, String code, Boolean reconnect, @JsonProperty("retry_after_ms") Long retryAfterMs)
      implements ServerMessage {
    public Bye {
      requirePresent("reason", reason);
    }

    /** A v1 bye. */
    public Bye(String reason) {
      this(reason, null, null, null);
    }

    /** A bye with {@code code}, its reconnect advice, and {@code reason} (the v1 text). */
    public static Bye of(ByeCode code, String reason) {
      return new Bye(reason, code.wireName(), code.reconnect(), null);
    }

    /** A bye whose reason is the code's wire name, as v1 sends it. */
    public static Bye of(ByeCode code) {
      return of(code, code.wireName());
    }

    /** The same bye, asking the client to wait {@code millis} before reconnecting. */
    public Bye retryAfter(long millis) {
      return new Bye(reason, code, reconnect, millis);
    }

    /** This bye as a v1 session sees it: {@code reason} only. */
    public Bye v1() {
      return code == null && reconnect == null && retryAfterMs == null ? this : new Bye(reason);
    }

    /** The typed code, or {@code null} (a v1 server, or a code this version does not know). */
    public ByeCode byeCode() {
      return ByeCode.fromWire(code);
    }
  }

  /**
   * Answer to {@code whois} (contract 1.1, §14): the user's {@code nick} as registered, one page of
   * the rooms it is in ({@code next}, absent on the last page, is the {@code after} of the next),
   * its {@code away} text (absent when not away), when its session logged in ({@code since}), and
   * (§15) the {@code account} it is logged in to, absent for a guest. For an account (§18.1),
   * {@code sessions} is how many sessions hold the nick, and the answer is about all of them.
   */
  @JsonTypeName("whois")
  record Whois(String nick, List<String> rooms, String away, Instant since, String next, String re, String account,
      Integer sessions) implements Answer {
    public Whois {
      requirePresent("nick", nick);
      rooms = List.copyOf(requirePresent("rooms", rooms));
      requirePresent("since", since);
    }

    /** The answer about a guest. */
    public Whois(String nick, List<String> rooms, String away, Instant since, String next, String re) {
      this(nick, rooms, away, since, next, re, null);
    }

    /** An answer that does not count sessions. */
    public Whois(String nick, List<String> rooms, String away, Instant since, String next, String re,
        String account) {
      this(nick, rooms, away, since, next, re, account, null);
    }
  }

  /**
   * A moderation event of a room (§17): it takes the room's next {@code seq} like a message, and
   * goes to sessions that took the {@code events} capability (the others get the v1 fallback).
   * {@code by} is who did it.
   */
  /**
   * An event that answers one command of one session ({@code welcome}, {@code joined},
   * {@code members}, a topic read …): from contract 1.1 it names that command's id in {@code re}
   * (§12.4); null for a v1 session or a command sent without an id. Never a broadcast frame.
   */
  sealed interface Answer extends ServerMessage {
    String re();
  }

  sealed interface RoomEvent extends ServerMessage {
    String room();

    String by();

    /** The event's seq in the room's stream; null only before it is numbered. */
    Long seq();

    /** The same event numbered {@code seq}. */
    RoomEvent withSeq(long seq);
  }

  /** {@code by} removed the member {@code nick} from the room (§17), saying {@code reason} (absent: none). */
  @JsonTypeName("kick")
  record Kick(String room, String nick, String by, String reason, Long seq) implements RoomEvent {
    public Kick {
      requirePresent("room", room);
      requirePresent("nick", nick);
      requirePresent("by", by);
    }

    @Override
    public Kick withSeq(long seq) {
      return new Kick(room, nick, by, reason, seq);
    }
  }

  /** {@code by} gave the member {@code nick} the {@code role} {@code op}, {@code voice}, {@code member} or {@code owner} (§17). */
  @JsonTypeName("role")
  record Role(String room, String nick, String role, String by, Long seq) implements RoomEvent {
    public Role {
      requirePresent("room", room);
      requirePresent("nick", nick);
      requirePresent("role", role);
      requirePresent("by", by);
    }

    @Override
    public Role withSeq(long seq) {
      return new Role(room, nick, role, by, seq);
    }
  }

  /**
   * A room's modes (§17). As an event ({@code by} and {@code seq} present) it holds the modes
   * that changed; as the answer to a {@code mode} read ({@code re} for a 1.1 session), every mode.
   * {@code key} is {@code ""} when cleared (absent from an answer to a non-member); {@code limit}
   * 0 when there is none.
   */
  @JsonTypeName("mode")
  record Mode(String room, @JsonProperty("invite_only") Boolean inviteOnly, String key, Boolean moderated,
      @JsonProperty("topic_locked") Boolean topicLocked, Boolean secret, Integer limit, String by, Long seq, String re)
      implements RoomEvent, Answer {
    public Mode {
      requirePresent("room", room);
    }

    @Override
    public Mode withSeq(long seq) {
      return new Mode(room, inviteOnly, key, moderated, topicLocked, secret, limit, by, seq, re);
    }
  }

  /**
   * {@code by} banned {@code mask} from the room (§17) for {@code duration_s} seconds (absent:
   * until lifted), saying {@code reason}.
   */
  @JsonTypeName("ban")
  record Ban(String room, String mask, String by, String reason, @JsonProperty("duration_s") Long durationS,
      Long seq) implements RoomEvent {
    public Ban {
      requirePresent("room", room);
      requirePresent("mask", mask);
      requirePresent("by", by);
    }

    @Override
    public Ban withSeq(long seq) {
      return new Ban(room, mask, by, reason, durationS, seq);
    }
  }

  /** {@code by} lifted the ban of {@code mask} (§17). */
  @JsonTypeName("unban")
  record Unban(String room, String mask, String by, Long seq) implements RoomEvent {
    public Unban {
      requirePresent("room", room);
      requirePresent("mask", mask);
      requirePresent("by", by);
    }

    @Override
    public Unban withSeq(long seq) {
      return new Unban(room, mask, by, seq);
    }
  }

  /** Answer to {@code bans} (§17): one page of a room's bans, {@code next} as for {@code members}. */
  @JsonTypeName("bans")
  record Bans(String room, List<BanInfo> bans, String next, String re) implements Answer {
    public Bans {
      requirePresent("room", room);
      bans = List.copyOf(requirePresent("bans", bans));
    }
  }

  /** One entry of {@code bans}: the mask, who set it and when, why, and when it ends (absent: never). */
  record BanInfo(String mask, String by, String reason, Instant set, Instant expires) {
    public BanInfo {
      requirePresent("mask", mask);
      requirePresent("by", by);
      requirePresent("set", set);
    }
  }

  /** {@code by} invites this session into {@code room} (§17); to a session with the {@code events} capability. */
  @JsonTypeName("invite")
  record Invite(String room, String by) implements ServerMessage {
    public Invite {
      requirePresent("room", room);
      requirePresent("by", by);
    }
  }

  /** A notice from the server's administrators to every session (§17.6), {@code by} the admin's account. */
  @JsonTypeName("notice")
  record Notice(String text, String by) implements ServerMessage {
    public Notice {
      requirePresent("text", text);
    }
  }

  /**
   * Answer to {@code dms} (§18.5, capability {@code dmstream}): the account's dm stream is
   * {@code epoch} and its last {@code seq} (0 when empty); {@code recovered} is {@code true} when a
   * {@code dms{since, epoch}} is answered from that same epoch with every dm after {@code since}.
   * A {@code gap{dms}} for what is no longer held, and the dms, follow it.
   */
  @JsonTypeName("dms")
  record DmStream(String epoch, @JsonProperty(required = true) long seq, Boolean recovered, String re)
      implements Answer {
    public DmStream {
      requirePresent("epoch", epoch);
    }

    /** Whether every dm after the {@code since} asked for follows, from the same epoch. */
    public boolean wasRecovered() {
      return Boolean.TRUE.equals(recovered);
    }
  }
}
