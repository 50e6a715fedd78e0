package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.codec.ClientMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
  private final ScriptParser parser = new ScriptParser(new EventJson());

  @Test
  void parsesEveryKindOfLineWithItsLineNumber() {
    List<ScriptStep> steps = parser.parse("s", List.of(
        "# comment", "", "/join lobby", "{\"type\":\"say\",\"id\":\"a\",\"room\":\"lobby\",\"text\":\"hi\"}",
        "send {\"type\":\"rooms\"}", "expect message from=ann text=\"hi there\" members~bob 2s", "sleep 150ms"));

    assertThat(steps).extracting(ScriptStep::line).containsExactly(3, 4, 5, 6, 7);
    assertThat(((ScriptStep.Slash) steps.get(0)).command()).isEqualTo(new SlashCommand("join", List.of("lobby"), ""));
    assertThat(((ScriptStep.Send) steps.get(1)).command()).isEqualTo(new ClientMessage.Say("a", "lobby", "hi"));
    assertThat(((ScriptStep.Send) steps.get(2)).command()).isEqualTo(new ClientMessage.Rooms(null));
    ScriptStep.Expect expect = (ScriptStep.Expect) steps.get(3);
    assertThat(expect.type()).isEqualTo("message");
    assertThat(expect.conditions()).containsExactly(new FieldMatch("from", false, "ann"),
        new FieldMatch("text", false, "hi there"), new FieldMatch("members", true, "bob"));
    assertThat(expect.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(((ScriptStep.Sleep) steps.get(4)).duration()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void errorsNameTheScriptLineAndProblem() {
    assertThatThrownBy(() -> parser.parse("x.nchat", List.of("/join lobby", "jump now")))
        .hasMessageStartingWith("x.nchat:2: unknown statement 'jump'");
    assertThatThrownBy(() -> parser.parse("x.nchat", List.of("{\"type\":\"say\"}")))
        .hasMessageStartingWith("x.nchat:1: missing field");
    assertThatThrownBy(() -> parser.parse("x.nchat", List.of("/msg bob")))
        .hasMessageContaining("usage: /msg <nick> <text>");
    assertThatThrownBy(() -> parser.parse("x.nchat", List.of("expect ok 5s re=1")))
        .hasMessageContaining("'5s' is neither");
    assertThatThrownBy(() -> parser.parse("x.nchat", List.of("sleep soon")))
        .hasMessageContaining("not a duration");
  }

  @Test
  void slashCommandsSplitWordsFromTrailingText() {
    assertThat(SlashCommand.parse("/msg bob  see you  later"))
        .isEqualTo(new SlashCommand("msg", List.of("bob"), "see you  later"));
    assertThat(SlashCommand.parse("/topic")).isEqualTo(new SlashCommand("topic", List.of(), ""));
    assertThat(SlashCommand.parse("/HISTORY lobby 5")).isEqualTo(new SlashCommand("history", List.of("lobby", "5"), ""));
    assertThatThrownBy(() -> SlashCommand.parse("/join a b c")).hasMessageContaining("usage: /join");
    assertThatThrownBy(() -> SlashCommand.parse("/dance")).hasMessageContaining("unknown command /dance");
    assertThat(SlashCommand.help()).contains("/join <room> [since|key]", "/quit [reason]", "/kick <nick> [reason]", "/mode [");
  }

  @Test
  void fieldMatchesCompareTextContainsAndPaths() throws Exception {
    var event = new ObjectMapper().readTree(
        "{\"type\":\"joined\",\"room\":\"lobby\",\"seq\":3,\"members\":[\"ann\",\"bob\"],\"limits\":{\"burst\":40}}");

    assertThat(new FieldMatch("seq", false, "3").test(event)).isTrue();
    assertThat(new FieldMatch("room", true, "ob").test(event)).isTrue();
    assertThat(new FieldMatch("members", true, "bob").test(event)).isTrue();
    assertThat(new FieldMatch("members", true, "cat").test(event)).isFalse();
    assertThat(new FieldMatch("members.1", false, "bob").test(event)).isTrue();
    assertThat(new FieldMatch("limits.burst", false, "40").test(event)).isTrue();
    assertThat(new FieldMatch("missing", false, "x").test(event)).isFalse();
    assertThat(ScriptParser.tokenize("a=\"b \\\" c\" d")).containsExactly("a=b \" c", "d");
  }
}
