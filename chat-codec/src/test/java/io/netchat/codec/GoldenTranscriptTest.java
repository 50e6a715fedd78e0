package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact wire examples kept in {@code src/test/resources/golden/} (and quoted in
 * {@code docs/PROTOCOL.md}), checked both ways: the bytes decode to the expected message, and the
 * message encodes to exactly those bytes. To print the canonical dump of every entry after a
 * deliberate wire change, run {@link #main}.
 */
class GoldenTranscriptTest {
  /** What an "(in only)" entry that breaks the contract must decode to. */
  record Failure(ErrorCode code, String re, boolean fatal) {}

  static final Instant TS = Instant.parse("2026-03-01T09:30:00.250Z");
  /** A resume secret as the server makes them: 128 random bits, base64url. */
  static final String SECRET = "q7Zk2mX9vR4tY1wB3nC5dA";

  /** An HS256 token for alice (exp 2026-03-01T10:30:00Z), signed with "an example secret of 32 bytes ok". */
  static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc3MjM2MTAwMH0"
      + ".rijteSA1s80CTFx09bHK6WKSscRydzGrm2xhCG1ZVRY";
  /** The same, an hour later. */
  static final String RENEWED_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc3MjM2NDYwMH0"
      + ".r9MhPrctA8vBYj5Xb7Edk1TaEZpeppcdV5HOu1DK1tg";

  /** The expected message (or failure) of every entry name used by the transcripts. */
  static final Map<String, Object> EXPECTED = Map.ofEntries(
      Map.entry("hello", new ClientMessage.Hello("1", "alice")),
      Map.entry("welcome", new ServerMessage.Welcome("alice", "netchat",
          new Limits(65536, 4096, 32, 1000, 20, 40))),
      Map.entry("join", new ClientMessage.Join("2", "lobby", null)),
      Map.entry("joined", new ServerMessage.Joined("lobby", "", List.of("alice", "bob"), 41, 2)),
      Map.entry("presence", new ServerMessage.Presence("lobby", "carol", ServerMessage.Presence.JOIN)),
      Map.entry("say", new ClientMessage.Say("3", "lobby", "hi ✓")),
      Map.entry("message", new ServerMessage.Message("lobby", 42, "alice", "hi ✓", TS)),
      Map.entry("ok-say", new ServerMessage.Ok("3", 42L)),
      Map.entry("ping", new ClientMessage.Ping("4")),
      Map.entry("pong", new ServerMessage.Pong("4")),
      Map.entry("unknown-type", new Failure(ErrorCode.UNKNOWN_TYPE, "5", false)),
      Map.entry("error", new ServerMessage.Error("5", ErrorCode.UNKNOWN_TYPE, "unknown type 'fly'")),
      Map.entry("rooms", new ClientMessage.Rooms("7", "lobby", 2)),
      Map.entry("rooms-page", new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("quiz", 3, "Fri 8pm"),
          new ServerMessage.RoomInfo("rust", 1, "")), "rust")),
      Map.entry("ok-rooms", new ServerMessage.Ok("7")),
      Map.entry("who", new ClientMessage.Who("8", "lobby", null, 1)),
      Map.entry("members-page", new ServerMessage.Members("lobby", List.of("alice"), "alice")),
      Map.entry("history", new ClientMessage.History("9", "lobby", 42L, 1)),
      Map.entry("history-more", new ServerMessage.History("lobby",
          List.of(new ServerMessage.Message("lobby", 41, "bob", "yo", TS)), true)),
      Map.entry("quit", new ClientMessage.Quit("6", null)),
      Map.entry("bye", new ServerMessage.Bye("quit")),
      Map.entry("hello-crlf-reordered", new ClientMessage.Hello("1", "alice", null, "nc", null, null)),
      Map.entry("invalid-utf8", new Failure(ErrorCode.BAD_JSON, null, false)),
      Map.entry("too-large", new Failure(ErrorCode.TOO_LARGE, null, true)),
      // contract 1.1: message identity, retries, recovery (docs/PROTOCOL.md §13)
      Map.entry("say-txn", new ClientMessage.Say("10", "lobby", "hi ✓", "t-1")),
      Map.entry("message-msgid", new ServerMessage.Message("lobby", 42, "alice", "hi ✓", TS, "Fl-SQ46wpdYmq", "t-1")),
      Map.entry("ok-say-msgid", new ServerMessage.Ok("10", 42L, "Fl-SQ46wpdYmq", null)),
      Map.entry("ok-say-duplicate", new ServerMessage.Ok("11", 42L, "Fl-SQ46wpdYmq", true)),
      Map.entry("dm-txn", new ClientMessage.Dm("12", "bob", "psst", "t-2")),
      Map.entry("dm-msgid", new ServerMessage.Dm("alice", "bob", "psst", TS, "dQ4w9WgXcQ0xH", "t-2")),
      Map.entry("ok-dm-msgid", new ServerMessage.Ok("12", null, "dQ4w9WgXcQ0xH", null)),
      Map.entry("topic-seq", new ServerMessage.Topic("lobby", "Fri 8pm", "bob", 43L, null)),
      Map.entry("join-epoch", new ClientMessage.Join("13", "lobby", 41L, "Xp2H7aLqT0cz")),
      Map.entry("joined-recovered", new ServerMessage.Joined("lobby", "Fri 8pm", List.of("alice", "bob"), 43, 2,
          "Xp2H7aLqT0cz", true, null)),
      Map.entry("joined-not-recovered", new ServerMessage.Joined("lobby", "", List.of("alice"), 2, 1,
          "Rk0bWz1yVQxe", false, null)),
      Map.entry("history-epoch", new ClientMessage.History("14", "lobby", 42L, 10, "Xp2H7aLqT0cz")),
      Map.entry("error-epoch-changed", new ServerMessage.Error("14", ErrorCode.EPOCH_CHANGED,
          "room 'lobby' has a new epoch")),
      // contract 1.1 (docs/PROTOCOL.md §12)
      Map.entry("hello-11", new ClientMessage.Hello("1", "alice", 1, "netchat-java/1.1", List.of("events", "x-later"),
          null)),
      Map.entry("welcome-11", new ServerMessage.Welcome("alice", "netchat", new Limits(65536, 4096, 32, 1000, 20, 40,
          Limits.TEXT_UNIT_CODE_POINT, 60_000L, 30_000L, 100, 300L), 1, List.of("events"), SECRET, TS, "1")),
      Map.entry("hello-resume", new ClientMessage.Hello("1", "alice", 1, null, null, SECRET)),
      Map.entry("bye-replaced", ServerMessage.Bye.of(ByeCode.REPLACED)),
      Map.entry("error-rate-limited", new ServerMessage.Error("5", "rate_limited",
          "more than 20 commands per second; this one was dropped", "say", true, 50L, null)),
      Map.entry("error-limit-reached", new ServerMessage.Error(null, "limit_reached",
          "a session may be in at most 32 rooms", "join", true, null, "max_rooms_per_session")),
      Map.entry("left-re", new ServerMessage.Left("lobby", "8")),
      Map.entry("bye-shutting-down", ServerMessage.Bye.of(ByeCode.SHUTTING_DOWN).retryAfter(12_345)),
      // contract 1.1: nick changes, away, actions (docs/PROTOCOL.md §14)
      Map.entry("nick", new ClientMessage.Nick("15", "bobby")),
      Map.entry("presence-nick", ServerMessage.Presence.nickChange("lobby", "bob", "bobby")),
      Map.entry("away", new ClientMessage.Away("16", "lunch")),
      Map.entry("presence-away", ServerMessage.Presence.away("lobby", "bobby", "lunch")),
      Map.entry("presence-back", ServerMessage.Presence.away("lobby", "bobby", null)),
      Map.entry("say-action", new ClientMessage.Say("17", "lobby", "waves", null, true)),
      Map.entry("message-action", new ServerMessage.Message("lobby", 44, "alice", "waves", TS, "Fl-SQ46wpdYmr", null,
          true)),
      Map.entry("whois", new ClientMessage.Whois("18", "bobby")),
      Map.entry("whois-answer", new ServerMessage.Whois("bobby", List.of("lobby"), "lunch", TS, null, "18")),
      Map.entry("presence-quit-reason", ServerMessage.Presence.quit("lobby", "bobby", "gone fishing")),
      // contract 1.1: accounts (docs/PROTOCOL.md §15)
      Map.entry("register", new ClientMessage.Register("19", "correct horse")),
      Map.entry("ok-register", new ServerMessage.Ok("19")),
      Map.entry("hello-password", ClientMessage.Hello.withPassword("1", "alice", "correct horse", null, null)),
      Map.entry("error-bad-credentials", new ServerMessage.Error("1", "bad_credentials",
          "wrong nick or password", "hello", null, null, null)),
      Map.entry("error-throttled", new ServerMessage.Error("1", "rate_limited",
          "too many failed logins; wait before trying again", "hello", true, 2000L, null)),
      Map.entry("error-nick-reserved", new ServerMessage.Error("1", "nick_reserved",
          "nick 'alice' belongs to an account: log in with its password", "hello", null, null, null)),
      Map.entry("passwd", new ClientMessage.Passwd("20", "correct horse", "battery staple")),
      Map.entry("whois-account", new ServerMessage.Whois("alice", List.of(), null, TS, null, "21", "alice")),
      // contract 1.1: moderation (docs/PROTOCOL.md §17)
      Map.entry("join-key", new ClientMessage.Join("19", "den", null, null, "s3same")),
      Map.entry("error-bad-key", new ServerMessage.Error("19", "bad_key", "that is not the key of room 'den'", "join",
          null, null, null)),
      Map.entry("kick", new ClientMessage.Kick("20", "lobby", "mallory", "spam")),
      Map.entry("kick-event", new ServerMessage.Kick("lobby", "mallory", "alice", "spam", 45L)),
      Map.entry("ban", new ClientMessage.Ban("21", "lobby", "addr:203.0.113.0/24", 3600L, "spam")),
      Map.entry("ban-event", new ServerMessage.Ban("lobby", "addr:203.0.113.0/24", "alice", "spam", 3600L, 46L)),
      Map.entry("bans", new ClientMessage.Bans("22", "lobby", null, null)),
      Map.entry("bans-answer", new ServerMessage.Bans("lobby", List.of(new ServerMessage.BanInfo(
          "addr:203.0.113.0/24", "alice", "spam", TS, TS.plusSeconds(3600))), null, "22")),
      Map.entry("mode", new ClientMessage.Mode("23", "lobby", null, null, true, null, null, null)),
      Map.entry("mode-event", new ServerMessage.Mode("lobby", null, null, true, null, null, null, "alice", 47L, null)),
      Map.entry("role", new ClientMessage.Role("24", "lobby", "bob", "voice")),
      Map.entry("role-event", new ServerMessage.Role("lobby", "bob", "voice", "alice", 48L)),
      Map.entry("error-forbidden", new ServerMessage.Error("25", "forbidden",
          "kick needs the role op or owner in room 'lobby'; you are voice", "kick", null, null, null)),
      Map.entry("invite", new ClientMessage.Invite("26", "den", "bob")),
      Map.entry("invite-event", new ServerMessage.Invite("den", "alice")),
      Map.entry("unban", new ClientMessage.Unban("27", "lobby", "addr:203.0.113.0/24")),
      // contract 1.1: several devices, offline messages (docs/PROTOCOL.md §18)
      Map.entry("dm-to-account", new ClientMessage.Dm("22", "bob", "call me")),
      Map.entry("ok-dm-delivered", new ServerMessage.Ok("22", null, "dQ4w9WgXcQ0xI", null, "delivered")),
      Map.entry("ok-dm-stored", new ServerMessage.Ok("22", null, "dQ4w9WgXcQ0xI", null, "stored")),
      Map.entry("gap-dms", ServerMessage.Gap.ofDms(1, 3)),
      Map.entry("dm-stored", new ServerMessage.Dm("alice", "bob", "call me", TS, "dQ4w9WgXcQ0xI", null, true)),
      // contract 1.1: tokens (docs/PROTOCOL.md §16)
      Map.entry("hello-token", ClientMessage.Hello.withToken("1", TOKEN, null, null)),
      Map.entry("refresh", new ClientMessage.Refresh("19", RENEWED_TOKEN)),
      Map.entry("error-bad-credentials-token", new ServerMessage.Error("19", ErrorCode.BAD_CREDENTIALS,
          "the token has expired").forCommand("refresh")),
      Map.entry("bye-bad-credentials", ServerMessage.Bye.of(ByeCode.BAD_CREDENTIALS)),
      Map.entry("bye-token-expired", ServerMessage.Bye.of(ByeCode.TOKEN_EXPIRED)),
      Map.entry("error-forbidden-token", new ServerMessage.Error("20", ErrorCode.FORBIDDEN,
          "the token does not allow room 'staff'").forCommand("join")),
      // contract 1.1: who a message is from (docs/PROTOCOL.md §12.9, §18.1)
      Map.entry("message-account", new ServerMessage.Message("lobby", 49, "ally", "hi", TS, "Fl-SQ46wpdYms", null,
          null, "alice")),
      Map.entry("dm-account", new ServerMessage.Dm("ally", "bob", "psst", TS, "dQ4w9WgXcQ0xJ", null, null, "alice",
          null, null)),
      Map.entry("presence-account", new ServerMessage.Presence("lobby", "ally", ServerMessage.Presence.JOIN)
          .of("alice")),
      Map.entry("members-accounts", new ServerMessage.Members("lobby", List.of("ally", "bob"), null, "8",
          Map.of("ally", "alice"), null)),
      Map.entry("whois-sessions", new ServerMessage.Whois("ally", List.of("lobby"), null, TS, null, "21", "alice", 2)),
      // contract 1.1: the per-account dm stream (docs/PROTOCOL.md §18.5)
      Map.entry("dms", new ClientMessage.Dms("30", 17L, "Dk4f0aZq1")),
      Map.entry("dms-answer", new ServerMessage.DmStream("Dk4f0aZq1", 18, true, "30")),
      Map.entry("dm-stream", new ServerMessage.Dm("alice", "bob", "call me", TS, "dQ4w9WgXcQ0xL", "t-3", null,
          "alice", 18L, "Dk4f0aZq1")),
      Map.entry("dms-not-recovered", new ServerMessage.DmStream("Dk4f0aZq2", 3, false, "31")),
      // contract 1.1: the joiner's own role in joined (docs/PROTOCOL.md §17.1)
      Map.entry("join-role", new ClientMessage.Join("28", "lobby", null)),
      Map.entry("joined-role", new ServerMessage.Joined("lobby", "", List.of("alice", "bob"), 49, 2, "Xp2H7aLqT0cz",
          false, "28", "op", null, null)));

  /** The transcripts and the wire format each is written in. */
  static final Map<String, WireFormat> TRANSCRIPTS = Map.of(
      "length-json.txt", Wire.format("length", "json"),
      "line-json.txt", Wire.format("line", "json"),
      "length-cbor.txt", Wire.format("length", "cbor"));

  static Stream<Arguments> entries() {
    return TRANSCRIPTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(transcript -> {
      List<GoldenTranscript.Entry> entries = GoldenTranscript.load(transcript.getKey()).entries();
      assertThat(entries).as(transcript.getKey()).hasSizeGreaterThanOrEqualTo(14);
      return entries.stream().map(entry -> Arguments.of(transcript.getKey(), transcript.getValue(), entry));
    });
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("entries")
  void bytesInDecodeToTheMessage(String transcript, WireFormat format, GoldenTranscript.Entry entry) {
    Object expected = EXPECTED.get(entry.name());
    assertThat(expected).as("expected message for '%s'", entry.name()).isNotNull();
    EmbeddedChannel receiver = Wire.channel(format, entry.receiver());
    Wire.feed(receiver, entry.bytes());
    List<Object> inbound = Wire.drainInbound(receiver);
    if (expected instanceof Failure failure) {
      assertThat(entry.inOnly()).as("a failure is an (in only) entry").isTrue();
      assertThat(inbound).singleElement().isInstanceOfSatisfying(DecodeFailure.class, actual -> {
        assertThat(actual.error().code()).isEqualTo(failure.code());
        assertThat(actual.error().re()).isEqualTo(failure.re());
        assertThat(actual.fatal()).isEqualTo(failure.fatal());
      });
    } else {
      assertThat(inbound).containsExactly(expected);
    }
    assertFalse(receiver.finish());
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("entries")
  void theMessageEncodesToTheBytes(String transcript, WireFormat format, GoldenTranscript.Entry entry) {
    if (entry.inOnly()) {
      return; // a non-canonical or invalid form: checked inbound only
    }
    EmbeddedChannel sender = Wire.channel(format, entry.sender());
    byte[] actual = Wire.encode(sender, EXPECTED.get(entry.name()));
    assertThat(GoldenTranscript.dump(actual))
        .as("%s: %s — update the transcript if the wire change is deliberate", transcript, entry)
        .isEqualTo(GoldenTranscript.dump(entry.bytes()));
    assertFalse(sender.finish());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transcriptNames")
  void eachSidesFramesReadAsOneStreamDecodeInOrder(String transcript) {
    WireFormat format = TRANSCRIPTS.get(transcript);
    for (Side sender : Side.values()) {
      List<GoldenTranscript.Entry> entries = GoldenTranscript.load(transcript).entries().stream()
          .filter(entry -> entry.sender() == sender && !(EXPECTED.get(entry.name()) instanceof Failure))
          .toList();
      EmbeddedChannel receiver = Wire.channel(format, entries.get(0).receiver());
      Wire.feed(receiver, Wire.concat(entries.stream().map(GoldenTranscript.Entry::bytes).toArray(byte[][]::new)));
      assertThat(Wire.drainInbound(receiver))
          .containsExactlyElementsOf(entries.stream().map(entry -> EXPECTED.get(entry.name())).toList());
      assertFalse(receiver.finish());
    }
  }

  @Test
  void theProtocolDocumentQuotesTheTranscriptsExactly() throws IOException {
    Path doc = Path.of("..", "docs", "PROTOCOL.md");
    assertThat(doc).exists();
    Matcher quote = Pattern.compile("<!-- golden: ([a-z-]+\\.txt) -->\n```text\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(doc));
    int quotes = 0;
    while (quote.find()) {
      List<GoldenTranscript.Entry> quoted = GoldenTranscript.parse("PROTOCOL.md", quote.group(2)).entries();
      List<GoldenTranscript.Entry> golden = GoldenTranscript.load(quote.group(1)).entries();
      assertThat(quoted).as("quote of %s", quote.group(1)).isNotEmpty();
      for (GoldenTranscript.Entry entry : quoted) {
        assertThat(golden).as("%s quoted from %s", entry, quote.group(1)).anySatisfy(original -> {
          assertThat(original.toString()).isEqualTo(entry.toString());
          assertThat(original.inOnly()).isEqualTo(entry.inOnly());
          assertThat(original.bytes()).isEqualTo(entry.bytes());
        });
      }
      quotes++;
    }
    assertThat(quotes).as("golden quotes in PROTOCOL.md").isGreaterThanOrEqualTo(4);
  }

  static Stream<String> transcriptNames() {
    return TRANSCRIPTS.keySet().stream().sorted();
  }

  /** Prints the canonical entries of every transcript, to paste after a deliberate wire change. */
  public static void main(String[] args) {
    List<String> conversation = args.length > 0 ? List.of(args) : List.of("client> hello", "server> welcome", "client> join", "server> joined",
        "server> presence", "client> say", "server> message", "server> ok-say", "client> ping", "server> pong",
        "server> error", "client> rooms", "server> rooms-page", "server> ok-rooms", "client> who",
        "server> members-page", "client> history", "server> history-more", "client> say-txn",
        "server> message-msgid", "server> ok-say-msgid", "server> ok-say-duplicate", "client> dm-txn",
        "server> dm-msgid", "server> ok-dm-msgid", "server> topic-seq", "client> join-epoch",
        "server> joined-recovered", "server> joined-not-recovered", "client> history-epoch",
        "server> error-epoch-changed", "client> quit", "server> bye");
    for (Map.Entry<String, WireFormat> transcript : TRANSCRIPTS.entrySet()) {
      System.out.println("==== " + transcript.getKey());
      for (String header : conversation) {
        Side side = header.startsWith("client") ? Side.CLIENT : Side.SERVER;
        EmbeddedChannel sender = Wire.channel(transcript.getValue(), side);
        System.out.println(header);
        System.out.println(GoldenTranscript.dump(Wire.encode(sender, EXPECTED.get(header.substring(8)))));
        sender.finishAndReleaseAll();
      }
    }
  }
}
