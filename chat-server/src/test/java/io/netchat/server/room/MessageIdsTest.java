package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exact forms of epochs and msgids: the digits at each boundary of a base64url place. */
class MessageIdsTest {

  @Test
  void aSeqIsWrittenInBase64UrlDigitsMostSignificantFirst() {
    assertThat(MessageIds.sequenced("p", 0)).isEqualTo("pA");
    assertThat(MessageIds.sequenced("p", 1)).isEqualTo("pB");
    assertThat(MessageIds.sequenced("p", 42)).isEqualTo("pq");
    assertThat(MessageIds.sequenced("p", 62)).isEqualTo("p-");
    assertThat(MessageIds.sequenced("p", 63)).as("the last one-digit seq").isEqualTo("p_");
    assertThat(MessageIds.sequenced("p", 64)).as("the first two-digit seq").isEqualTo("pBA");
    assertThat(MessageIds.sequenced("p", 64 * 64 - 1)).isEqualTo("p__");
    assertThat(MessageIds.sequenced("p", 64 * 64)).isEqualTo("pBAA");
    assertThat(MessageIds.sequenced("p", Long.MAX_VALUE)).as("63 bits: 10 full digits and 3 bits")
        .isEqualTo("pH" + "_".repeat(10));
  }

  @Test
  void aNegativeSeqIsRefused() {
    assertThatThrownBy(() -> MessageIds.sequenced("p", -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative: -1");
  }

  @Test
  void aRoomsPrefixIsTheFirst72BitsOfTheHashOfItsKeyAndEpoch() {
    assertThat(MessageIds.roomPrefix("lobby", "Xp2H7aLqT0cz")).as("as in the golden transcript's msgids")
        .isEqualTo("Fl-SQ46wpdYm");
    assertThat(MessageIds.roomPrefix("lobby", "Rk0bWz1yVQxe")).isEqualTo("DZpTJYI-7-eg");
  }

  @Test
  void aRandomTokenIs12Base64UrlCharsAndFresh() {
    String token = MessageIds.randomToken();
    assertThat(token).hasSize(12).matches("[A-Za-z0-9_-]{12}");
    assertThat(MessageIds.randomToken()).isNotEqualTo(token);
  }

  @Test
  void aCounterCountsFromOneAfterItsOwnRandomPrefix() {
    MessageIds.Counter counter = new MessageIds.Counter();
    String first = counter.next();
    assertThat(first).hasSize(13).endsWith("B");
    String prefix = first.substring(0, 12);
    assertThat(counter.next()).isEqualTo(prefix + "C");
    assertThat(new MessageIds.Counter().next()).doesNotStartWith(prefix);
  }
}
