package io.netchat.codec;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One or more instances of every message type of both directions, with optional fields set and unset. */
final class SampleMessages {
  static final Instant TS = Instant.parse("2026-01-02T03:04:05.678Z");
  static final Limits LIMITS = new Limits(65536, 4096, 32, 1000, 20, 40);

  private SampleMessages() {}

  static List<ClientMessage> client() {
    return List.of(
        new ClientMessage.Hello("1", "alice"),
        new ClientMessage.Hello(null, "Bob[away]^{x}|_-\\"),
        new ClientMessage.Join("2", "lobby", null),
        new ClientMessage.Join(null, "r.2-x_y", 41L),
        new ClientMessage.Leave("3", "lobby"),
        new ClientMessage.Say("4", "lobby", "hello, world"),
        new ClientMessage.Say(null, "lobby", "ünïcödé ✓ 😀 \"quotes\" \\ \n newline"),
        new ClientMessage.Dm("5", "bob", "psst"),
        new ClientMessage.Topic("6", "lobby", "new topic"),
        new ClientMessage.Topic("7", "lobby", null),
        new ClientMessage.Topic(null, "lobby", ""),
        new ClientMessage.Who("8", "lobby"),
        new ClientMessage.Rooms("9"),
        new ClientMessage.Rooms(null),
        new ClientMessage.Rooms("9a", "lobby", 50),
        new ClientMessage.Who("8a", "lobby", "alice", 2),
        new ClientMessage.History("10", "lobby", 100L, 20),
        new ClientMessage.History(null, "lobby", null, null),
        new ClientMessage.Ping("11"),
        new ClientMessage.Ping(null),
        new ClientMessage.Pong("s-1"),
        new ClientMessage.Quit("12", "gone fishing"),
        new ClientMessage.Quit(null, null),
        new ClientMessage.Say("13", "lobby", "retry me", "c1-42"),
        new ClientMessage.Dm("14", "bob", "psst", "c1-43"),
        new ClientMessage.Join("15", "lobby", 41L, "Xp2H7aLqT0cz"),
        new ClientMessage.History("16", "lobby", 42L, 10, "Xp2H7aLqT0cz"),
        new ClientMessage.Say("17", "lobby", "waves", null, true),
        new ClientMessage.Nick("18", "bobby"),
        new ClientMessage.Away("19", "lunch"),
        new ClientMessage.Away(null, null),
        new ClientMessage.Whois("20", "bob"),
        new ClientMessage.Whois("21", "bob", "lobby", 5),
        ClientMessage.Hello.withPassword("22", "alice", "correct horse", null, null),
        new ClientMessage.Register("23", "correct horse"),
        new ClientMessage.Passwd("24", "correct horse", "battery staple"),
        new ClientMessage.Join("22", "den", null, null, "s3same"),
        new ClientMessage.Kick("23", "lobby", "bob", "spam"),
        new ClientMessage.Kick(null, "lobby", "bob", null),
        new ClientMessage.Ban("24", "lobby", "spam*", 60L, "ads"),
        new ClientMessage.Ban(null, "lobby", "addr:2001:db8::/32", null, null),
        new ClientMessage.Unban("25", "lobby", "spam*"),
        new ClientMessage.Bans("26", "lobby", "a", 10),
        new ClientMessage.Mode("27", "lobby", true, "", false, true, false, 0),
        new ClientMessage.Mode("28", "lobby", null, null, null, null, null, null),
        new ClientMessage.Role("29", "lobby", "bob", "op"),
        new ClientMessage.Invite("30", "den", "bob"),
        new ClientMessage.AdminClose("31", "bob", "flooding"),
        new ClientMessage.AdminBan("32", "account:eve", 3600L, "abuse"),
        new ClientMessage.AdminUnban("33", "account:eve"),
        new ClientMessage.AdminNotice("34", "restart at noon"),
        new ClientMessage.AdminTakeover("35", "lobby"),
        ClientMessage.Hello.withToken("25", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln", "x/1", List.of("nick")),
        new ClientMessage.Hello("26", "bob", null, null, null, null, null, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln"),
        new ClientMessage.Refresh("27", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln"),
        // the per-account dm stream (§18.5)
        new ClientMessage.Dms("40", 17L, "Dk4f0aZq1"),
        new ClientMessage.Dms(null, null, null));
  }

  static List<ServerMessage> server() {
    ServerMessage.Message message = new ServerMessage.Message("lobby", 7, "alice", "hi ✓", TS);
    return List.of(
        new ServerMessage.Welcome("alice", "netchat-test", LIMITS),
        new ServerMessage.Joined("lobby", "", List.of("alice", "bob"), 42),
        new ServerMessage.Joined("empty", "a topic", List.of(), 0),
        new ServerMessage.Joined("big", "", List.of("alice"), 3, 900),
        new ServerMessage.Left("lobby"),
        message,
        new ServerMessage.Dm("bob", "alice", "psst", TS),
        new ServerMessage.Presence("lobby", "bob", ServerMessage.Presence.JOIN),
        new ServerMessage.Presence("lobby", "bob", ServerMessage.Presence.QUIT),
        new ServerMessage.Topic("lobby", "new topic", "alice"),
        new ServerMessage.Topic("lobby", "", null),
        new ServerMessage.Members("lobby", List.of("alice", "bob")),
        new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("lobby", 2, "t"), new ServerMessage.RoomInfo("x", 0, null))),
        new ServerMessage.Rooms(List.of()),
        new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("lobby", 2, "t")), "lobby"),
        new ServerMessage.Members("lobby", List.of("alice"), "alice"),
        new ServerMessage.History("lobby", List.of(message), true),
        new ServerMessage.History("lobby", List.of(message, new ServerMessage.Message("lobby", 8, "bob", "yo", TS))),
        new ServerMessage.Ping("s-1"),
        new ServerMessage.Ping(null),
        new ServerMessage.Pong("11"),
        new ServerMessage.Pong(null),
        new ServerMessage.Ok("4", 7L),
        new ServerMessage.Ok("2"),
        new ServerMessage.Error("5", ErrorCode.NO_SUCH_USER, "no user 'bob'"),
        new ServerMessage.Error(null, ErrorCode.BAD_JSON, "malformed json"),
        new ServerMessage.Error(null, "some_future_code", "a code this version does not know"),
        new ServerMessage.Gap("lobby", 1, 57),
        new ServerMessage.Bye("quit"),
        new ServerMessage.Message("lobby", 9, "alice", "hi", TS, "Fl-SQ46wpdYmJ", "c1-42"),
        new ServerMessage.Message("lobby", 10, "bob", "yo", TS, "Fl-SQ46wpdYmK", null),
        new ServerMessage.Dm("bob", "alice", "psst", TS, "dQ4w9WgXcQ0xH", "c1-43"),
        new ServerMessage.Topic("lobby", "new topic", "alice", 11L),
        new ServerMessage.Joined("lobby", "", List.of("alice"), 11, 1, "Xp2H7aLqT0cz", true),
        new ServerMessage.Joined("lobby", "", List.of("alice"), 2, 1, "Rk0bWz1yVQxe", false),
        new ServerMessage.Joined("lobby", "", List.of("alice"), 2, 1, "Rk0bWz1yVQxe", false, "7", "owner", null, null),
        new ServerMessage.Ok("13", 9L, "Fl-SQ46wpdYmJ", null),
        new ServerMessage.Ok("13", 9L, "Fl-SQ46wpdYmJ", true),
        new ServerMessage.Ok("14", null, "dQ4w9WgXcQ0xH", null),
        new ServerMessage.Error("16", ErrorCode.EPOCH_CHANGED, "room 'lobby' has a new epoch"),
        new ServerMessage.Message("lobby", 12, "alice", "waves", TS, "Fl-SQ46wpdYmL", null, true),
        ServerMessage.Presence.nickChange("lobby", "bob", "bobby"),
        ServerMessage.Presence.away("lobby", "bob", "lunch"),
        ServerMessage.Presence.away("lobby", "bob", null),
        ServerMessage.Presence.quit("lobby", "bob", "gone fishing"),
        new ServerMessage.Whois("bob", List.of("lobby", "rust"), "lunch", TS, "rust", "20"),
        new ServerMessage.Whois("bob", List.of(), null, TS, null, null),
        new ServerMessage.Whois("bob", List.of(), null, TS, null, "22", "bob"),
        new ServerMessage.Kick("lobby", "bob", "alice", "spam", 13L),
        new ServerMessage.Kick("lobby", "bob", "alice", null, 14L),
        new ServerMessage.Role("lobby", "bob", "op", "alice", 15L),
        new ServerMessage.Mode("lobby", null, "k", true, null, null, 5, "alice", 16L, null),
        new ServerMessage.Mode("lobby", false, null, false, true, false, 0, null, null, "28"),
        new ServerMessage.Ban("lobby", "spam*", "alice", "ads", 60L, 17L),
        new ServerMessage.Unban("lobby", "spam*", "alice", 18L),
        new ServerMessage.Bans("lobby", List.of(new ServerMessage.BanInfo("spam*", "alice", null, TS, null),
            new ServerMessage.BanInfo("account:eve", "alice", "abuse", TS, TS.plusSeconds(60))), "spam*", "26"),
        new ServerMessage.Invite("den", "alice"),
        new ServerMessage.Notice("restart at noon", "root"),
        new ServerMessage.Error("25", ErrorCode.BAD_CREDENTIALS, "bad token").forCommand("hello"),
        new ServerMessage.Error("28", ErrorCode.FORBIDDEN, "room 'staff' is not in the token").forCommand("join"),
        ServerMessage.Bye.of(ByeCode.BAD_CREDENTIALS),
        ServerMessage.Bye.of(ByeCode.TOKEN_EXPIRED),
        // account on messages, dms, presence and member lists (§12.9); whois of several sessions (§18.1)
        new ServerMessage.Message("lobby", 19, "ally", "hi", TS, "Fl-SQ46wpdYmM", null, null, "alice"),
        new ServerMessage.Dm("alice", "bob", "psst", TS, "dQ4w9WgXcQ0xJ", null, null, "alice", null, null),
        new ServerMessage.Presence("lobby", "alice", ServerMessage.Presence.JOIN).of("alice"),
        new ServerMessage.Members("lobby", List.of("alice", "bob", "carol"), null, "8",
            java.util.Map.of("alice", "alice"), null),
        new ServerMessage.Joined("lobby", "", List.of("ally", "bob"), 20, 2, "Xp2H7aLqT0cz", false, null, null,
            java.util.Map.of("ally", "alice", "bob", "bob"), null),
        new ServerMessage.Whois("alice", List.of("lobby"), null, TS, null, "23", "alice", 3),
        // the per-account dm stream (§18.5)
        new ServerMessage.Dm("alice", "bob", "psst", TS, "dQ4w9WgXcQ0xK", "c1-44", null, "alice", 7L, "Dk4f0aZq1"),
        new ServerMessage.DmStream("Dk4f0aZq1", 7, true, "40"),
        new ServerMessage.DmStream("Dk4f0aZq2", 0, null, null));
  }

  /** Every message of both directions. */
  static Stream<Object> all() {
    return Stream.concat(client().stream(), server().stream());
  }

  /** The record types of {@code side} that no sample covers (should be none). */
  static Set<Class<?>> uncovered(Class<?> side, List<?> samples) {
    Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());
    return Stream.of(side.getPermittedSubclasses())
        .flatMap(type -> type.isInterface() ? Stream.of(type.getPermittedSubclasses()) : Stream.of(type))
        .filter(type -> !covered.contains(type))
        .collect(Collectors.toSet());
  }
}
