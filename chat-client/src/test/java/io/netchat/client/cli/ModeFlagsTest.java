package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /mode} flags into a {@code mode} command, and the moderation events as a terminal shows them. */
class ModeFlagsTest {
  private static final TextFormatter TEXT = new TextFormatter(ZoneOffset.UTC);

  @Test
  void flagsCombineAndTakeTheirArgumentsInOrder() {
    assertThat(ModeFlags.parse("den", List.of("+mt-s", "+k", "s3same", "+l", "5", "-i")))
        .isEqualTo(new ClientMessage.Mode(null, "den", false, "s3same", true, true, false, 5));
    assertThat(ModeFlags.parse("den", List.of("-k", "-l")))
        .isEqualTo(new ClientMessage.Mode(null, "den", null, "", null, null, null, 0));
  }

  @Test
  void aBadFlagOrAMissingArgumentIsExplained() {
    assertThatThrownBy(() -> ModeFlags.parse("den", List.of("+x"))).hasMessageContaining("unknown mode flag x");
    assertThatThrownBy(() -> ModeFlags.parse("den", List.of("+k"))).hasMessageContaining("+k takes the key");
    assertThatThrownBy(() -> ModeFlags.parse("den", List.of("m"))).hasMessageContaining("start with + or -");
    assertThatThrownBy(() -> ModeFlags.parse("den", List.of("+l", "many"))).hasMessageContaining("a number");
  }

  @Test
  void moderationEventsReadAsOneEscapedLineEach() {
    assertThat(TEXT.format(new ServerMessage.Kick("den", "bob", "ann", "spam\n00:00 <ann> ok", 4L)))
        .isEqualTo("[den] * ann kicked bob (spam\\n00:00 <ann> ok)");
    assertThat(TEXT.format(new ServerMessage.Role("den", "bob", "op", "ann", 5L))).isEqualTo("[den] * ann made bob an op");
    assertThat(TEXT.format(new ServerMessage.Mode("den", null, "", true, null, null, 5, "ann", 6L, null)))
        .isEqualTo("[den] * ann set mode +m -k +l 5");
    assertThat(TEXT.format(new ServerMessage.Mode("den", false, "k", true, true, false, 0, null, null, "1")))
        .isEqualTo("[den] * modes: +m +t +k k");
    assertThat(TEXT.format(new ServerMessage.Ban("den", "spam*", "ann", null, 600L, 7L)))
        .isEqualTo("[den] * ann banned spam* for 600 s");
    assertThat(TEXT.format(new ServerMessage.Unban("den", "spam*", "ann", 8L)))
        .isEqualTo("[den] * ann lifted the ban of spam*");
    assertThat(TEXT.format(new ServerMessage.Bans("den", List.of(new ServerMessage.BanInfo("spam*", "ann", "ads",
        Instant.EPOCH, null)), null, null))).isEqualTo("[den] * bans:\n  spam* by ann (ads)");
    assertThat(TEXT.format(new ServerMessage.Invite("den", "ann"))).isEqualTo("* ann invites you to [den]; /join den");
    assertThat(TEXT.format(new ServerMessage.Notice("restart\u001b[2J", "root")))
        .isEqualTo("! notice from root: restart\\x1b[2J");
  }
}
