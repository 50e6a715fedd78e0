package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IRC lines parsed and written: tags, source, middle and trailing parameters, the 512-byte and tag limits, bad UTF-8. */
class IrcMessageTest {

  @Test
  void parsesTagsSourceCommandAndParameters() {
    IrcMessage line = IrcMessage.parse("@time=2026-01-01T00:00:00.000Z;+x=a\\sb\\:c :nick!u@h privmsg #lobby :hi there");
    assertThat(line.tags()).containsExactly(Map.entry("time", "2026-01-01T00:00:00.000Z"), Map.entry("+x", "a b;c"));
    assertThat(line.source()).isEqualTo("nick!u@h");
    assertThat(line.command()).isEqualTo("PRIVMSG");
    assertThat(line.params()).containsExactly("#lobby", "hi there");
  }

  @Test
  void readsMiddleParametersAndAnEmptyTrailingOne() {
    assertThat(IrcMessage.parse("USER a 0 * :").params()).containsExactly("a", "0", "*", "");
    assertThat(IrcMessage.parse("JOIN   #a,#b   k1,k2").params()).containsExactly("#a,#b", "k1,k2");
    assertThat(IrcMessage.parse("CAP LS 302").params()).containsExactly("LS", "302");
  }

  @Test
  void theFifteenthParameterTakesTheRestOfTheLine() {
    String many = "A B C D E F G H I J K L M N O P Q";
    assertThat(IrcMessage.parse("CMD " + many).params()).hasSize(15).last().isEqualTo("O P Q");
  }

  @Test
  void aLineOf512BytesWithItsLineEndIsAcceptedAndOneMoreIsTooLarge() {
    String fits = "PRIVMSG #a :" + "x".repeat(IrcMessage.MAX_LINE - 2 - "PRIVMSG #a :".length());
    assertThat(IrcMessage.parse(fits).param(1)).hasSize(IrcMessage.MAX_LINE - 2 - "PRIVMSG #a :".length());
    assertThatThrownBy(() -> IrcMessage.parse(fits + "x")).isInstanceOfSatisfying(ChatCodecException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void tagsMayTakeUpTo4096BytesBesideThe512() {
    String tags = "@+a=" + "t".repeat(IrcMessage.MAX_TAGS - 5) + " "; // '@', the tag and the space: 4096
    String rest = "PRIVMSG #a :" + "x".repeat(IrcMessage.MAX_LINE - 2 - "PRIVMSG #a :".length());
    assertThat(IrcMessage.parse(tags + rest).tags()).containsKey("+a");
    assertThatThrownBy(() -> IrcMessage.parse("@+a=t" + tags.substring(4) + rest))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void writesTheTrailingParameterWithAColonWhereItIsText() {
    assertThat(IrcMessage.of("a!~a@netchat", "PRIVMSG", "#lobby", "hi").toString())
        .isEqualTo(":a!~a@netchat PRIVMSG #lobby :hi");
    assertThat(IrcMessage.of("a!~a@netchat", "JOIN", "#lobby").toString()).isEqualTo(":a!~a@netchat JOIN #lobby");
    assertThat(IrcMessage.of("srv", "001", "a", "Welcome").toString()).isEqualTo(":srv 001 a :Welcome");
    assertThat(IrcMessage.of(null, "PING", "srv-1").toString()).isEqualTo("PING srv-1");
  }

  @Test
  void writesEscapedTagsAndNeverALineBreakInsideALine() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("msgid", "a;b c\\d");
    ByteBuf out = Unpooled.buffer();
    try {
      new IrcMessage(tags, "x", "PRIVMSG", List.of("#a", "one\r\ntwo\0")).write(out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("@msgid=a\\:b\\sc\\\\d :x PRIVMSG #a :onetwo\r\n");
    } finally {
      out.release();
    }
  }

  @Test
  void invalidUtf8IsReplacedAndNeverFailsTheLine() {
    EmbeddedChannel channel = new EmbeddedChannel(new IrcMessageDecoder());
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'a', ' ', ':',
        'o', (byte) 0xC3, (byte) 0x28, 'k', (byte) 0xFF}));
    IrcMessage line = channel.readInbound();
    assertThat(line.param(1)).isEqualTo("o\uFFFD(k\uFFFD");
    assertFalse(channel.finish());
  }

  @Test
  void aLineWithoutACommandIsANonFatalFailure() {
    EmbeddedChannel channel = new EmbeddedChannel(new IrcMessageDecoder());
    channel.writeInbound(Unpooled.copiedBuffer(":source-only", StandardCharsets.UTF_8));
    DecodeFailure failure = channel.readInbound();
    assertThat(failure.fatal()).isFalse();
    assertThat(failure.error().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertFalse(channel.finish());
  }
}
