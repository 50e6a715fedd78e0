package io.netchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.IrcMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts between IRC and netchat: formatting stripped, CTCP ACTION, lines cut at 512 bytes between code points. */
class IrcTextTest {

  @Test
  void formattingCodesAndOtherControlsAreStripped() {
    assertThat(IrcText.strip("\u0002bold\u0002 \u001Ditalic\u001D \u001Funder\u001F \u000F")).isEqualTo("bold italic under ");
    assertThat(IrcText.strip("\u000304red\u0003 \u00034,12on blue\u0003 \u000399")).isEqualTo("red on blue ");
    assertThat(IrcText.strip("\u0003,5 not a colour")).isEqualTo(",5 not a colour");
    assertThat(IrcText.strip("\u0004FF0000hex\u0004 \u0016rev\u0016 \u001Estrike\u0011")).isEqualTo("hex rev strike");
    assertThat(IrcText.strip("bell\u0007 and del\u007F")).isEqualTo("bell and del");
    assertThat(IrcText.strip("tab\tkept")).isEqualTo("tab\tkept");
  }

  @Test
  void aCtcpActionIsAnActionAndOtherCtcpIsNotForwarded() {
    assertThat(IrcText.in("\u0001ACTION waves\u0001")).isEqualTo(new IrcText.Inbound("waves", true, false));
    assertThat(IrcText.in("\u0001ACTION waves")).isEqualTo(new IrcText.Inbound("waves", true, false));
    assertThat(IrcText.in("\u0001VERSION\u0001").ctcp()).isTrue();
    assertThat(IrcText.in("plain")).isEqualTo(new IrcText.Inbound("plain", false, false));
  }

  @Test
  void aLongTextIsCutIntoLinesOfAtMost512BytesNeverInsideACodePoint() {
    String text = "é".repeat(300) + "😀".repeat(100) + "\n\nsecond line";
    List<IrcMessage> lines = IrcRender.text("bob!~bob@netchat", "PRIVMSG", "#lobby", text, false,
        Instant.parse("2026-11-25T12:00:00Z"), "MSGID");
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      IrcMessage line = lines.get(i);
      String wire = line.withTags(null).toString();
      assertThat(IrcMessage.utf8Length(wire, 0, wire.length()) + 2).isLessThanOrEqualTo(IrcMessage.MAX_LINE);
      assertThat(line.param(1)).doesNotContain("\uFFFD");
      assertThat(line.tags()).containsEntry("time", "2026-11-25T12:00:00.000Z");
      assertThat(line.tags().containsKey("msgid")).isEqualTo(i == 0);
      if (!line.param(1).equals("second line")) {
        joined.append(line.param(1));
      }
    }
    assertThat(joined.toString()).isEqualTo("é".repeat(300) + "😀".repeat(100));
    assertThat(lines.get(lines.size() - 1).param(1)).isEqualTo("second line");
    assertThat(lines.size()).isGreaterThan(2);
  }

  @Test
  void anActionIsWrappedOnEveryLine() {
    List<IrcMessage> lines = IrcRender.text("a!~a@netchat", "PRIVMSG", "#x", "one\ntwo", true, null, null);
    assertThat(lines).extracting(IrcMessage::toString).containsExactly(
        ":a!~a@netchat PRIVMSG #x :\u0001ACTION one\u0001", ":a!~a@netchat PRIVMSG #x :\u0001ACTION two\u0001");
  }
}
