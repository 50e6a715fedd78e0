package io.netchat.codec;

import static io.netchat.codec.Validation.checkAtLeast;
import static io.netchat.codec.Validation.checkLimit;
import static io.netchat.codec.Validation.checkPage;
import static io.netchat.codec.Validation.MAX_WIRE_INTEGER;
import static io.netchat.codec.Validation.checkId;
import static io.netchat.codec.Validation.checkRange;
import static io.netchat.codec.Validation.checkToken;
import static io.netchat.codec.Validation.requireNick;
import static io.netchat.codec.Validation.requirePresent;
import static io.netchat.codec.Validation.requireRoom;
import static io.netchat.codec.Validation.requireText;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Objects;

/**
 * A command a client sends to the server (docs/PROTOCOL.md §5). Every command may carry an
 * {@code id}; the server then answers with {@code ok} or {@code error} carrying {@code re = id}.
 *
 * <p>Constructors validate names, ids and required fields and throw {@link ChatCodecException}
 * with the contract's error code, so a decoded command is always well-formed. Text length against
 * the server's configured limit is checked by the server with {@link Validation#checkLength}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
  @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
  @JsonSubTypes.Type(value = ClientMessage.Say.class, name = "say"),
  @JsonSubTypes.Type(value = ClientMessage.Dm.class, name = "dm"),
  @JsonSubTypes.Type(value = ClientMessage.Topic.class, name = "topic"),
  @JsonSubTypes.Type(value = ClientMessage.Who.class, name = "who"),
  @JsonSubTypes.Type(value = ClientMessage.Rooms.class, name = "rooms"),
  @JsonSubTypes.Type(value = ClientMessage.History.class, name = "history"),
  @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = ClientMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = ClientMessage.Quit.class, name = "quit"),
  @JsonSubTypes.Type(value = ClientMessage.Nick.class, name = "nick"),
  @JsonSubTypes.Type(value = ClientMessage.Away.class, name = "away"),
  @JsonSubTypes.Type(value = ClientMessage.Whois.class, name = "whois"),
  @JsonSubTypes.Type(value = ClientMessage.Refresh.class, name = "refresh"),
  @JsonSubTypes.Type(value = ClientMessage.Register.class, name = "register"),
  @JsonSubTypes.Type(value = ClientMessage.Passwd.class, name = "passwd"),
  @JsonSubTypes.Type(value = ClientMessage.Kick.class, name = "kick"),
  @JsonSubTypes.Type(value = ClientMessage.Ban.class, name = "ban"),
  @JsonSubTypes.Type(value = ClientMessage.Unban.class, name = "unban"),
  @JsonSubTypes.Type(value = ClientMessage.Bans.class, name = "bans"),
  @JsonSubTypes.Type(value = ClientMessage.Mode.class, name = "mode"),
  @JsonSubTypes.Type(value = ClientMessage.Role.class, name = "role"),
  @JsonSubTypes.Type(value = ClientMessage.Invite.class, name = "invite"),
  @JsonSubTypes.Type(value = ClientMessage.AdminClose.class, name = "admin_close"),
  @JsonSubTypes.Type(value = ClientMessage.AdminBan.class, name = "admin_ban"),
  @JsonSubTypes.Type(value = ClientMessage.AdminUnban.class, name = "admin_unban"),
  @JsonSubTypes.Type(value = ClientMessage.AdminNotice.class, name = "admin_notice"),
  @JsonSubTypes.Type(value = ClientMessage.AdminTakeover.class, name = "admin_takeover"),
  @JsonSubTypes.Type(value = ClientMessage.Dms.class, name = "dms"),
})
public sealed interface ClientMessage {

  /** The correlation id chosen by the client, or {@code null}. */
  String id();

  /** The wire name of {@code command}'s type, e.g. {@code "say"}: what {@code error{command}} names. */
  static String typeName(ClientMessage command) {
    return TypeNames.CLIENT.get(command.getClass());
  }

  /**
   * Logs in; must be the first command. Answered by {@code welcome}. Contract 1.1 adds
   * {@code protocol} (the contract's major version the client speaks, 1; its presence, or that of
   * {@code caps}, {@code resume} or {@code token}, makes the session a 1.1 session), {@code client} (name/version, for logs),
   * {@code caps} (capabilities asked for; unknown names are ignored) and {@code resume} (the
   * {@code welcome.session} secret of a session of this nick to take over). With {@code password}
   * (§15) it logs in to the account {@code nick}; with {@code token} (§16: a JWT the application
   * signed; its {@code sub} is the nick, so {@code nick} may then be left out) it logs in as the
   * token's user. A hello carries a password or a token, never both ({@code bad_request}).
   * {@link #toString()} shows neither, nor the resume secret.
   */
  @JsonTypeName("hello")
  record Hello(String id, String nick, Integer protocol, String client, List<String> caps, String resume,
      String password, String token) implements ClientMessage {
    public Hello {
      checkId(id);
      Validation.checkJwt("token", token);
      if (token == null || nick != null) {
        requireNick("nick", nick);
      }
      checkAtLeast("protocol", protocol == null ? null : protocol.longValue(), 1);
      if (Validation.checkSize("client", client, Validation.MAX_CLIENT_LENGTH) != null) {
        Validation.requireNoControls("client", client);
      }
      caps = caps == null ? null : caps.stream().filter(Objects::nonNull).toList();
      Validation.checkSize("resume", resume, Validation.MAX_RESUME_LENGTH);
      Validation.checkPassword("password", password);
      if (password != null && token != null) {
        throw new ChatCodecException(ErrorCode.BAD_REQUEST,
            "'password' and 'token' may not both be given: a hello logs in with one credential");
      }
    }

    /** A hello without credentials (a guest, or a resume). */
    public Hello(String id, String nick, Integer protocol, String client, List<String> caps, String resume) {
      this(id, nick, protocol, client, caps, resume, null, null);
    }

    /** A v1 hello: no version, no capabilities, no resume. */
    public Hello(String id, String nick) {
      this(id, nick, null, null, null, null);
    }

    /** A 1.1 hello that logs in to the account {@code nick} with {@code password} (§15). */
    public static Hello withPassword(String id, String nick, String password, String client, List<String> caps) {
      return new Hello(id, nick, 1, client, caps, null, password, null);
    }

    /** A 1.1 hello that logs in with {@code token} alone (§16): the token's {@code sub} is the nick. */
    public static Hello withToken(String id, String token, String client, List<String> caps) {
      return new Hello(id, null, 1, client, caps, null, null, token);
    }

    @Override
    public String toString() {
      return "Hello[id=" + id + ", nick=" + nick + ", protocol=" + protocol + ", client=" + client + ", caps=" + caps
          + ", resume=" + Secrets.mask(resume) + ", password=" + Secrets.mask(password) + ", token="
          + Secrets.mask(token) + "]";
    }

    /**
     * Whether the client spoke contract 1.1: {@code protocol}, {@code caps}, {@code resume} or
     * {@code token} present.
     */
    public boolean negotiates() {
      return protocol != null || caps != null || resume != null || token != null;
    }
  }

  /**
   * Joins (creating) a room; with {@code since}, replays the messages after that seq. With
   * {@code epoch} (contract 1.1, the room's {@code joined.epoch} that {@code since} belongs to) the
   * replay happens only when the room still has that epoch; else the answer says
   * {@code recovered: false} and holds the latest page.
   */
  @JsonTypeName("join")
  record Join(String id, String room, Long since, String epoch, String key) implements ClientMessage {
    public Join {
      checkId(id);
      requireRoom("room", room);
      checkRange("since", since, 0, MAX_WIRE_INTEGER);
      checkToken("epoch", epoch);
      checkToken("key", key);
    }

    /** A join that does not name an epoch (a v1 client). */
    public Join(String id, String room, Long since) {
      this(id, room, since, null);
    }

    /** A join without a room key (§17). */
    public Join(String id, String room, Long since, String epoch) {
      this(id, room, since, epoch, null);
    }
  }

  /** Leaves a room. */
  @JsonTypeName("leave")
  record Leave(String id, String room) implements ClientMessage {
    public Leave {
      checkId(id);
      requireRoom("room", room);
    }
  }

  /**
   * Sends a message to a joined room. {@code txn} (contract 1.1) makes a retry safe: a {@code say}
   * repeating a {@code txn} of the same session within {@code txn_window_s} is answered with the
   * first one's {@code seq} and {@code msgid} and {@code duplicate: true}, and not sent again.
   * {@code action: true} (contract 1.1, §14) makes it an action, what {@code /me} sends; absent
   * (never {@code false} on the wire) for a plain message.
   */
  @JsonTypeName("say")
  record Say(String id, String room, String text, String txn, Boolean action) implements ClientMessage {
    public Say {
      checkId(id);
      requireRoom("room", room);
      requireText("text", text, Integer.MAX_VALUE);
      checkToken("txn", txn);
      if (Boolean.FALSE.equals(action)) {
        action = null;
      }
    }

    /** A say without a {@code txn} (a v1 client). */
    public Say(String id, String room, String text) {
      this(id, room, text, null);
    }

    /** A plain (not action) say. */
    public Say(String id, String room, String text, String txn) {
      this(id, room, text, txn, null);
    }

    /** Whether this is an action ({@code /me}). */
    public boolean hasAction() {
      return Boolean.TRUE.equals(action);
    }
  }

  /** Sends a direct message to one user; {@code txn} (contract 1.1) as for {@link Say}. */
  @JsonTypeName("dm")
  record Dm(String id, String to, String text, String txn) implements ClientMessage {
    public Dm {
      checkId(id);
      requireNick("to", to);
      requireText("text", text, Integer.MAX_VALUE);
      checkToken("txn", txn);
    }

    /** A dm without a {@code txn} (a v1 client). */
    public Dm(String id, String to, String text) {
      this(id, to, text, null);
    }
  }

  /** Reads the topic ({@code text} absent) or sets it ({@code ""} clears it). */
  @JsonTypeName("topic")
  record Topic(String id, String room, String text) implements ClientMessage {
    public Topic {
      checkId(id);
      requireRoom("room", room);
      if (text != null && !text.isEmpty()) {
        requireText("text", text, Integer.MAX_VALUE);
      }
    }
  }

  /**
   * Lists the members of a room, one page (contract 1.1): {@code after} is the {@code next} of the
   * previous page, {@code limit} the most nicks wanted (capped by the server).
   */
  @JsonTypeName("who")
  record Who(String id, String room, String after, Integer limit) implements ClientMessage {
    public Who {
      checkId(id);
      requireRoom("room", room);
      checkPage(after, limit);
    }

    /** The first page, at the server's page size. */
    public Who(String id, String room) {
      this(id, room, null, null);
    }
  }

  /**
   * Lists the rooms, one page (contract 1.1): {@code after} is the {@code next} of the previous
   * page, {@code limit} the most rooms wanted (capped by the server).
   */
  @JsonTypeName("rooms")
  record Rooms(String id, String after, Integer limit) implements ClientMessage {
    public Rooms {
      checkId(id);
      checkPage(after, limit);
    }

    /** The first page, at the server's page size. */
    public Rooms(String id) {
      this(id, null, null);
    }
  }

  /**
   * Reads stored messages of a room, oldest first: before seq {@code before}, at most
   * {@code limit}. With {@code epoch} (contract 1.1), a room whose epoch changed answers
   * {@code error{code: "epoch_changed"}} instead: {@code before} would count in the old numbering.
   */
  @JsonTypeName("history")
  record History(String id, String room, Long before, Integer limit, String epoch) implements ClientMessage {
    public History {
      checkId(id);
      requireRoom("room", room);
      checkRange("before", before, 1, MAX_WIRE_INTEGER);
      checkLimit(limit);
      checkToken("epoch", epoch);
    }

    /** A read that does not name an epoch (a v1 client). */
    public History(String id, String room, Long before, Integer limit) {
      this(id, room, before, limit, null);
    }
  }

  /**
   * Resumes the account's dm stream (contract 1.1, §18.5; capability {@code dmstream}): every dm
   * after {@code since} in the stream {@code epoch}, or without them the latest page. Answered
   * {@code dms{epoch, seq, recovered}}, a {@code gap{dms}} for what is no longer held, the dms, then
   * {@code ok}.
   */
  @JsonTypeName("dms")
  record Dms(String id, Long since, String epoch) implements ClientMessage {
    public Dms {
      checkId(id);
      checkRange("since", since, 0, MAX_WIRE_INTEGER);
      checkToken("epoch", epoch);
    }
  }

  /** Asks for a {@code pong}. */
  @JsonTypeName("ping")
  record Ping(String id) implements ClientMessage {
    public Ping {
      checkId(id);
    }
  }

  /** Answers a server {@code ping}, echoing its id. */
  @JsonTypeName("pong")
  record Pong(String id) implements ClientMessage {
    public Pong {
      checkId(id);
    }
  }

  /** Ends the session; the server answers {@code bye} and closes. A {@code reason} may not hold control characters. */
  @JsonTypeName("quit")
  record Quit(String id, String reason) implements ClientMessage {
    public Quit {
      checkId(id);
      if (reason != null) {
        Validation.requireNoControls("reason", reason);
      }
    }
  }

  /**
   * Changes the session's nick (contract 1.1, §14): answered {@code ok}, or {@code nick_taken} /
   * {@code invalid_name}. The members of the session's rooms see one {@code presence{event: "nick"}}
   * per room, or, without the {@code nick} capability, {@code presence{quit}} + {@code presence{join}}.
   */
  @JsonTypeName("nick")
  record Nick(String id, String nick) implements ClientMessage {
    public Nick {
      checkId(id);
      requireNick("nick", nick);
    }
  }

  /**
   * Sets the session's away message ({@code text}, limited as {@code say}'s) or clears it
   * ({@code text} absent or {@code ""}), contract 1.1, §14.
   */
  @JsonTypeName("away")
  record Away(String id, String text) implements ClientMessage {
    public Away {
      checkId(id);
      text = text == null || text.isEmpty() ? null : requireText("text", text, Integer.MAX_VALUE);
    }
  }

  /**
   * Asks about a connected user (contract 1.1, §14): answered by a {@code whois} holding one page
   * of the user's rooms ({@code after}/{@code limit} as for {@code who}), away text and
   * connected-since; {@code no_such_user} when nobody has the nick.
   */
  @JsonTypeName("whois")
  record Whois(String id, String nick, String after, Integer limit) implements ClientMessage {
    public Whois {
      checkId(id);
      requireNick("nick", nick);
      checkPage(after, limit);
    }

    /** The first page, at the server's page size. */
    public Whois(String id, String nick) {
      this(id, nick, null, null);
    }
  }

  /**
   * Renews the session's token (§16) before its {@code exp}: the new token must be valid and name
   * the same {@code sub}. Answered {@code ok}; a token that is refused ends the session with
   * {@code error{bad_credentials}} and {@code bye{bad_credentials}}.
   */
  @JsonTypeName("refresh")
  record Refresh(String id, String token) implements ClientMessage {
    public Refresh {
      checkId(id);
      requirePresent("token", token);
      Validation.checkJwt("token", token);
    }

    @Override
    public String toString() {
      return "Refresh[id=" + id + ", token=" + Secrets.mask(token) + "]";
    }
  }

  /**
   * Makes the session's nick an account with {@code password} (contract 1.1, §15): the session must
   * be logged in as a guest; answered {@code ok}, or {@code forbidden} when registration is closed.
   * {@link #toString()} never shows the password.
   */
  @JsonTypeName("register")
  record Register(String id, String password) implements ClientMessage {
    public Register {
      checkId(id);
      Validation.requirePresent("password", password);
      Validation.checkPassword("password", password);
    }

    @Override
    public String toString() {
      return "Register[id=" + id + ", password=" + Secrets.mask(password) + "]";
    }
  }

  /**
   * Removes the member {@code nick} from {@code room} (§17): the actor must be an op or the owner
   * and outrank the member. Every member sees the kick as a room event with its seq.
   */
  @JsonTypeName("kick")
  record Kick(String id, String room, String nick, String reason) implements ClientMessage {
    public Kick {
      checkId(id);
      requireRoom("room", room);
      requireNick("nick", nick);
      Validation.checkReason("reason", reason);
    }
  }

  /**
   * Changes the logged-in account's password from {@code old} to {@code new} (contract 1.1, §15):
   * answered {@code ok}, or {@code bad_credentials} when {@code old} is wrong. {@link #toString()}
   * never shows either.
   */
  @JsonTypeName("passwd")
  record Passwd(String id, @JsonProperty("old") String oldPassword, @JsonProperty("new") String newPassword)
      implements ClientMessage {
    public Passwd {
      checkId(id);
      Validation.requirePresent("old", oldPassword);
      Validation.checkPassword("old", oldPassword);
      Validation.requirePresent("new", newPassword);
      Validation.checkPassword("new", newPassword);
    }

    @Override
    public String toString() {
      return "Passwd[id=" + id + ", old=" + Secrets.mask(oldPassword) + ", new=" + Secrets.mask(newPassword) + "]";
    }
  }

  /**
   * Bans {@code mask} from {@code room} (§17) for {@code duration_s} seconds (absent: until
   * unbanned). Mask syntax: a nick pattern ({@code *} and {@code ?}), {@code account:NAME}, or
   * {@code addr:IP} / {@code addr:IP/BITS}; checked by the server.
   */
  @JsonTypeName("ban")
  record Ban(String id, String room, String mask, @JsonProperty("duration_s") Long durationS, String reason)
      implements ClientMessage {
    public Ban {
      checkId(id);
      requireRoom("room", room);
      Validation.checkVisible("mask", requirePresent("mask", mask), Validation.MAX_MASK_LENGTH);
      checkRange("duration_s", durationS, 1, MAX_WIRE_INTEGER);
      Validation.checkReason("reason", reason);
    }
  }

  /** Lifts the ban of {@code mask} in {@code room} (§17). */
  @JsonTypeName("unban")
  record Unban(String id, String room, String mask) implements ClientMessage {
    public Unban {
      checkId(id);
      requireRoom("room", room);
      Validation.checkVisible("mask", requirePresent("mask", mask), Validation.MAX_MASK_LENGTH);
    }
  }

  /** Lists one page of a room's bans (§17), {@code after}/{@code limit} as for {@code who}. */
  @JsonTypeName("bans")
  record Bans(String id, String room, String after, Integer limit) implements ClientMessage {
    public Bans {
      checkId(id);
      requireRoom("room", room);
      checkPage(after, limit);
    }
  }

  /**
   * Reads a room's modes (no mode field present) or changes those present (§17): {@code key}
   * {@code ""} clears the key, {@code limit} 0 clears the member limit.
   */
  @JsonTypeName("mode")
  record Mode(String id, String room, @JsonProperty("invite_only") Boolean inviteOnly, String key, Boolean moderated,
      @JsonProperty("topic_locked") Boolean topicLocked, Boolean secret, Integer limit) implements ClientMessage {
    public Mode {
      checkId(id);
      requireRoom("room", room);
      if (key != null && !key.isEmpty()) {
        checkToken("key", key);
      }
      checkRange("limit", limit == null ? null : limit.longValue(), 0, Integer.MAX_VALUE);
    }

    /** Whether this reads the modes rather than changing any. */
    public boolean isRead() {
      return inviteOnly == null && key == null && moderated == null && topicLocked == null && secret == null
          && limit == null;
    }
  }

  /**
   * Gives the member {@code nick} of {@code room} the {@code role} {@code op}, {@code voice} or
   * {@code member} (none: removes op or voice), §17. Owners and ops may; the owner's role cannot be changed.
   */
  @JsonTypeName("role")
  record Role(String id, String room, String nick, String role) implements ClientMessage {
    /** The roles a {@code role} command may give. */
    public static final java.util.Set<String> GRANTABLE = java.util.Set.of("op", "voice", "member");

    public Role {
      checkId(id);
      requireRoom("room", room);
      requireNick("nick", nick);
      Validation.requireOneOf("role", role, GRANTABLE);
    }
  }

  /**
   * Invites the user {@code nick} into {@code room} (§17): it may then join once past
   * {@code invite_only} and the key; it is told with {@code invite}.
   */
  @JsonTypeName("invite")
  record Invite(String id, String room, String nick) implements ClientMessage {
    public Invite {
      checkId(id);
      requireRoom("room", room);
      requireNick("nick", nick);
    }
  }

  /** Server admin (§17.6): closes the session of {@code nick} with {@code reason}. */
  @JsonTypeName("admin_close")
  record AdminClose(String id, String nick, String reason) implements ClientMessage {
    public AdminClose {
      checkId(id);
      requireNick("nick", nick);
      Validation.checkReason("reason", reason);
    }
  }

  /**
   * Server admin (§17.6): bans an {@code account:NAME} or {@code addr:…} mask from the whole
   * server for {@code duration_s} seconds (absent: until lifted); matching sessions are closed.
   */
  @JsonTypeName("admin_ban")
  record AdminBan(String id, String mask, @JsonProperty("duration_s") Long durationS, String reason)
      implements ClientMessage {
    public AdminBan {
      checkId(id);
      Validation.checkVisible("mask", requirePresent("mask", mask), Validation.MAX_MASK_LENGTH);
      checkRange("duration_s", durationS, 1, MAX_WIRE_INTEGER);
      Validation.checkReason("reason", reason);
    }
  }

  /** Server admin (§17.6): lifts a server-wide ban. */
  @JsonTypeName("admin_unban")
  record AdminUnban(String id, String mask) implements ClientMessage {
    public AdminUnban {
      checkId(id);
      Validation.checkVisible("mask", requirePresent("mask", mask), Validation.MAX_MASK_LENGTH);
    }
  }

  /** Server admin (§17.6): sends {@code notice{text}} to every session. */
  @JsonTypeName("admin_notice")
  record AdminNotice(String id, String text) implements ClientMessage {
    public AdminNotice {
      checkId(id);
      requireText("text", text, Integer.MAX_VALUE);
    }
  }

  /** Server admin (§17.6): becomes the owner of {@code room}, whose owner is not in it. */
  @JsonTypeName("admin_takeover")
  record AdminTakeover(String id, String room) implements ClientMessage {
    public AdminTakeover {
      checkId(id);
      requireRoom("room", room);
    }
  }
}
