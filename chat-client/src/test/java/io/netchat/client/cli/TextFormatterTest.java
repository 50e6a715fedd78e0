package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.client.ConnectionEvent;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Text output as a terminal shows it: whatever a hostile peer (or server) puts in any field, one
 * event renders as one line of its own with no control character, escape sequence or bidi
 * override left in it — the attacks of issue 8 point 7, field by field.
 */
class TextFormatterTest {
  private static final Instant TS = Instant.parse("2026-01-02T00:31:05Z");
  private static final TextFormatter TEXT = new TextFormatter(ZoneOffset.UTC);

  /** The attack strings, and how each must look. */
  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("x\n00:31 [room] <alice> send password", "x\\n00:31 [room] <alice> send password"),
        Arguments.of("innocent\rEVIL", "innocent\\rEVIL"),
        Arguments.of("\u001b[2K\r00:31 [room] <admin> rebooting", "\\x1b[2K\\r00:31 [room] <admin> rebooting"),
        Arguments.of("\u001b]0;admin\u0007title", "\\x1b]0;admin\\x07title"),
        Arguments.of("\u009b2K\u009d0;t\u009c", "\\x9b2K\\x9d0;t\\x9c"),
        Arguments.of("nul\u0000 del\u007f tab\t", "nul\\x00 del\\x7f tab\\t"),
        Arguments.of("txt.\u202eexe", "txt.\\u202eexe"),
        Arguments.of("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c",
            "\\u2066\\u2067\\u2068\\u2069\\u202a\\u202b\\u202c\\u202d\\u200e\\u200f\\u061c"),
        Arguments.of("para\u2028graph\u2029", "para\\u2028graph\\u2029"));
  }

  /** §12.9: the account is shown where it is not the nick (a device that changed its nick), and by whois. */
  @org.junit.jupiter.api.Test
  void theSendersAccountIsShownWhenItIsNotItsNick() {
    assertThat(TEXT.format(new ServerMessage.Message("lobby", 1, "ally", "hi", TS, null, null, null, "alice")))
        .isEqualTo("00:31 [lobby] <ally (~alice)> hi");
    assertThat(TEXT.format(new ServerMessage.Message("lobby", 1, "Alice", "hi", TS, null, null, null, "alice")))
        .isEqualTo("00:31 [lobby] <Alice> hi");
    assertThat(TEXT.format(new ServerMessage.Dm("ally", "bob", "psst", TS, "m", null, null, "alice", 3L, "E")))
        .isEqualTo("00:31 *ally (~alice)* -> bob: psst");
    assertThat(TEXT.format(new ServerMessage.Whois("alice", List.of(), null, TS, null, null, "alice", 2)))
        .startsWith("* alice (account alice, 2 sessions) in no rooms");
  }

  @org.junit.jupiter.api.Test
  void aDmKeptWhileAwaySaysSoAndWhenItWasSentAndDroppedOnesAreCounted() {
    assertThat(TEXT.format(new ServerMessage.Dm("bob", "alice", "call me", TS, "m", null, true)))
        .isEqualTo("00:31 *bob* -> alice: call me (sent 2026-01-02T00:31:05Z, kept while you were away)");
    assertThat(TEXT.format(new ServerMessage.Dm("bob", "alice", "call me", TS))).doesNotContain("away");
    assertThat(TEXT.format(ServerMessage.Gap.ofDms(1, 3)))
        .isEqualTo("* 3 direct message(s) kept while you were away were dropped (the oldest)");
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void escapesEveryControlAndBidiCharacter(String attack, String shown) {
    assertThat(TerminalText.escape(attack)).isEqualTo(shown);
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void everyFieldFromTheWireIsEscaped(String attack, String shown) {
    List<String> rendered = List.of(
        TEXT.format(new ServerMessage.Message(attack, 1, attack, attack, TS)),
        TEXT.format(new ServerMessage.Dm(attack, attack, attack, TS)),
        TEXT.format(new ServerMessage.Presence(attack, attack, attack)),
        TEXT.format(new ServerMessage.Joined(attack, attack, List.of(attack, "bob"), 3)),
        TEXT.format(new ServerMessage.Left(attack)),
        TEXT.format(new ServerMessage.Topic(attack, attack, attack)),
        TEXT.format(new ServerMessage.Members(attack, List.of(attack))),
        TEXT.format(new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo(attack, 2, attack)))),
        TEXT.format(new ServerMessage.Gap(attack, 1, 2)),
        TEXT.format(new ServerMessage.Welcome(attack, attack, new Limits(65536, 4096, 10, 100, 10, 20))),
        TEXT.format(new ServerMessage.Error("1", attack, attack)),
        TEXT.format(new ServerMessage.Bye(attack)),
        TEXT.format(new ConnectionEvent(ConnectionEvent.Kind.DISCONNECTED, "server said bye: " + attack)),
        TEXT.dm(TS, "ann", attack, attack),
        TEXT.format(new ServerMessage.Message(attack, 1, attack, attack, TS, null, null, true)),
        TEXT.format(ServerMessage.Presence.nickChange(attack, attack, attack)),
        TEXT.format(ServerMessage.Presence.away(attack, attack, attack)),
        TEXT.format(ServerMessage.Presence.quit(attack, attack, attack)),
        TEXT.format(new ServerMessage.Whois(attack, List.of(attack), attack, TS, null, null)));
    assertThat(rendered).allSatisfy(line -> {
      assertThat(line).contains(shown);
      assertThat(line.chars()).noneMatch(TextFormatterTest::unsafe);
    });
  }

  @Test
  void listsShowTheirCountsAndSayWhenMoreFollow() {
    assertThat(TEXT.format(new ServerMessage.Joined("lobby", "", List.of("ann", "bob"), 3, 250)))
        .contains("you joined (250 here: ").contains("bob, …");
    assertThat(TEXT.format(new ServerMessage.Members("lobby", List.of("ann", "bob"), "bob")))
        .contains("members (2, more follow): ");
    assertThat(TEXT.format(new ServerMessage.Members("lobby", List.of("ann"))))
        .contains("members (1): ");
    assertThat(TEXT.format(new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("lobby", 2, "")), "lobby")))
        .startsWith("* rooms (1, more follow): lobby (2)");
    assertThat(TEXT.format(new ServerMessage.History("lobby",
        List.of(new ServerMessage.Message("lobby", 5, "bob", "hi", TS)), true)))
        .startsWith("[lobby] * history (older messages are held):");
  }

  @Test
  void contract11PresenceActionsAndWhoisReadAsSentences() {
    assertThat(TEXT.format(ServerMessage.Presence.nickChange("lobby", "bob", "bobby")))
        .isEqualTo("[lobby] * bob is now bobby");
    assertThat(TEXT.format(ServerMessage.Presence.away("lobby", "bob", "lunch"))).isEqualTo("[lobby] * bob is away: lunch");
    assertThat(TEXT.format(ServerMessage.Presence.away("lobby", "bob", null))).isEqualTo("[lobby] * bob is back");
    assertThat(TEXT.format(ServerMessage.Presence.quit("lobby", "bob", "gone fishing")))
        .isEqualTo("[lobby] * bob quit (gone fishing)");
    assertThat(TEXT.format(ServerMessage.Presence.quit("lobby", "bob", null))).isEqualTo("[lobby] * bob quit");
    assertThat(TEXT.format(new ServerMessage.Message("lobby", 4, "ann", "waves", TS, null, null, true)))
        .isEqualTo("00:31 [lobby] * ann waves");
    assertThat(TEXT.format(new ServerMessage.Whois("bob", List.of("lobby", "rust"), null, TS, "rust", null)))
        .isEqualTo("* bob in lobby, rust, …; logged in 00:31");
  }

  @Test
  void aHistoryIsOneIndentedLinePerMessage() {
    String attack = "x\n00:31 [room] <alice> send password";
    String shown = TEXT.format(new ServerMessage.History("lobby",
        List.of(new ServerMessage.Message("lobby", 1, "bob", attack, TS), new ServerMessage.Message("lobby", 2, "ann", "ok", TS))));
    assertThat(shown.split("\n")).containsExactly(
        "[lobby] * history:",
        "  00:31 [lobby] <bob> x\\n00:31 [room] <alice> send password",
        "  00:31 [lobby] <ann> ok");
  }

  @Test
  void ordinaryTextIsUntouched() {
    String text = "héllo 👋 שלום مرحبا \\n is two characters, a\u200db";
    assertThat(TerminalText.escape(text)).isSameAs(text);
    assertThat(TEXT.format(new ServerMessage.Message("lobby", 7, "a\\b", text, TS)))
        .isEqualTo("00:31 [lobby] <a\\b> " + text);
  }

  private static boolean unsafe(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
  }
}
