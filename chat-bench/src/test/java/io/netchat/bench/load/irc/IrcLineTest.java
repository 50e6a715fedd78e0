package io.netchat.bench.load.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcLineTest {

  @Test
  void splitsTagsSourceCommandMiddleAndTrailingParameters() {
    IrcLine line = IrcLine.parse("@time=2026-11-30T10:00:00.000Z;msgid=a1 :b1!~b1@127.0.0.1 PRIVMSG #r0 :hello  there");
    assertThat(line.tags()).isEqualTo("time=2026-11-30T10:00:00.000Z;msgid=a1");
    assertThat(line.source()).isEqualTo("b1!~b1@127.0.0.1");
    assertThat(line.command()).isEqualTo("PRIVMSG");
    assertThat(line.params()).containsExactly("#r0", "hello  there");
    assertThat(line.numeric()).isEqualTo(-1);
  }

  @Test
  void readsNumericsAndCapListsWithTheContinuationStar() {
    IrcLine line = IrcLine.parse(":irc.example 366 b3 #r0 :End of NAMES list");
    assertThat(line.numeric()).isEqualTo(366);
    assertThat(line.param(1)).isEqualTo("#r0");
    assertThat(line.last()).isEqualTo("End of NAMES list");

    IrcLine more = IrcLine.parse(":irc.example CAP * LS * :multi-prefix sasl=PLAIN");
    assertThat(more.params()).containsExactly("*", "LS", "*", "multi-prefix sasl=PLAIN");
  }

  @Test
  void toleratesExtraSpacesAnEmptyTrailingAndNoParameters() {
    assertThat(IrcLine.parse("PING   :").params()).containsExactly("");
    assertThat(IrcLine.parse("PING  token1  token2").params()).containsExactly("token1", "token2");
    IrcLine bare = IrcLine.parse(":server QUIT");
    assertThat(bare.command()).isEqualTo("QUIT");
    assertThat(bare.params()).isEqualTo(List.of());
    assertThat(bare.param(0)).isEmpty();
    assertThat(bare.last()).isEmpty();
    assertThat(IrcLine.parse("").command()).isEmpty();
    assertThat(IrcLine.parse("@a=b").command()).isEmpty();
    assertThat(IrcLine.parse("4x1 nick").numeric()).isEqualTo(-1);
  }
}
