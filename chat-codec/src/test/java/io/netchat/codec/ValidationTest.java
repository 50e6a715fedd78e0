package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The naming and size rules at their exact boundaries, each with the code and message a client
 * gets: one char either side of every limit, and the surrogate positions a hostile client probes.
 */
class ValidationTest {

  @Test
  void aNickIsALetterThenUpToThirtyOneAllowedChars() {
    String longest = "a" + "Z9_-[]\\^{}|".repeat(3).substring(0, 31);
    assertThat(Validation.requireNick("nick", longest)).isSameAs(longest);
    assertThat(Validation.requireNick("nick", "b")).isEqualTo("b");

    failsWith(() -> Validation.requireNick("to", longest + "x"), ErrorCode.INVALID_NAME)
        .hasMessageStartingWith("invalid nick in 'to': \"" + longest + "x\" (a letter, then up to 31");
    failsWith(() -> Validation.requireNick("nick", "9lives"), ErrorCode.INVALID_NAME);
    failsWith(() -> Validation.requireNick("nick", "_x"), ErrorCode.INVALID_NAME);
    failsWith(() -> Validation.requireNick("nick", ""), ErrorCode.INVALID_NAME);
    failsWith(() -> Validation.requireNick("nick", null), ErrorCode.BAD_REQUEST)
        .hasMessage("missing field 'nick'");
  }

  @Test
  void aTokenIsOneToSixtyFourVisibleAsciiChars() {
    String longest = "!~azAZ09-_".repeat(7).substring(0, 64);
    assertThat(Validation.checkToken("txn", longest)).isSameAs(longest);
    assertThat(Validation.checkToken("txn", null)).isNull();

    failsWith(() -> Validation.checkToken("txn", longest + "x"), ErrorCode.BAD_REQUEST)
        .hasMessage("'txn' must be 1 to 64 chars");
    failsWith(() -> Validation.checkToken("epoch", ""), ErrorCode.BAD_REQUEST)
        .hasMessage("'epoch' must be 1 to 64 chars");
    failsWith(() -> Validation.checkToken("txn", "a b"), ErrorCode.BAD_REQUEST)
        .hasMessageContaining("U+0020 at 1");
    failsWith(() -> Validation.checkToken("txn", "a\u001b[2J"), ErrorCode.BAD_REQUEST)
        .hasMessageContaining("U+001B at 1");
    failsWith(() -> Validation.checkToken("txn", "é"), ErrorCode.BAD_REQUEST);
    failsWith(() -> new ClientMessage.Say("1", "lobby", "hi", "a\tb"), ErrorCode.BAD_REQUEST);
    failsWith(() -> new ClientMessage.Join("1", "lobby", 3L, "e".repeat(65)), ErrorCode.BAD_REQUEST);
  }

  @Test
  void aRoomIsALetterOrDigitThenUpToSixtyThreeAllowedChars() {
    String longest = "7" + "a.b-c_D".repeat(10).substring(0, 63);
    assertThat(Validation.requireRoom("room", longest)).isSameAs(longest);

    failsWith(() -> Validation.requireRoom("room", longest + "x"), ErrorCode.INVALID_NAME)
        .hasMessageContaining("invalid room in 'room'")
        .hasMessageEndingWith("(a letter or digit, then up to 63 of A-Z a-z 0-9 _ - .)");
    failsWith(() -> Validation.requireRoom("room", ".hidden"), ErrorCode.INVALID_NAME);
    failsWith(() -> Validation.requireRoom("room", null), ErrorCode.BAD_REQUEST);
  }

  @Test
  void aLongBadNameIsQuotedUpToEightyChars() {
    String eighty = " ".repeat(80);
    failsWith(() -> Validation.requireRoom("room", eighty), ErrorCode.INVALID_NAME)
        .hasMessageStartingWith("invalid room in 'room': \"" + eighty + "\" (");
    failsWith(() -> Validation.requireRoom("room", eighty + "tail"), ErrorCode.INVALID_NAME)
        .hasMessageStartingWith("invalid room in 'room': \"" + eighty + "…\" (");
  }

  @Test
  void anIdIsAbsentOrOneToSixtyFourChars() {
    assertThat(Validation.checkId(null)).isNull();
    assertThat(Validation.checkId("1")).isEqualTo("1");
    String longest = "i".repeat(Validation.MAX_ID_LENGTH);
    assertThat(Validation.checkId(longest)).isSameAs(longest);

    failsWith(() -> Validation.checkId(longest + "i"), ErrorCode.BAD_REQUEST).hasMessage("'id' must be 1 to 64 chars");
    failsWith(() -> Validation.checkId(""), ErrorCode.BAD_REQUEST).hasMessage("'id' must be 1 to 64 chars");
  }

  @Test
  void aTextIsPresentNonEmptyAtMostTheLimitAndWellFormed() {
    assertThat(Validation.requireText("text", "abc", 3)).isEqualTo("abc");
    assertThat(Validation.requireText("text", "\uD83D\uDE00", 2)).isEqualTo("\uD83D\uDE00");

    failsWith(() -> Validation.requireText("text", "abcd", 3), ErrorCode.TOO_LARGE)
        .hasMessage("'text' is too long: 4 code points, the limit is 3");
    failsWith(() -> Validation.requireText("topic", "", 3), ErrorCode.BAD_REQUEST).hasMessage("'topic' must not be empty");
    failsWith(() -> Validation.requireText("text", null, 3), ErrorCode.BAD_REQUEST).hasMessage("missing field 'text'");
    failsWith(() -> Validation.requireText("text", "a\uD800", 3), ErrorCode.BAD_REQUEST)
        .hasMessage("'text' holds an unpaired surrogate at 1");
  }

  @Test
  void checkLengthAllowsExactlyTheLimit() {
    assertThat(Validation.checkLength("reason", null, 0)).isNull();
    assertThat(Validation.checkLength("reason", "", 0)).isEmpty();
    assertThat(Validation.checkLength("reason", "12345", 5)).isEqualTo("12345");

    failsWith(() -> Validation.checkLength("reason", "123456", 5), ErrorCode.TOO_LARGE)
        .hasMessage("'reason' is too long: 6 code points, the limit is 5");
    failsWith(() -> Validation.checkLength("reason", "1", 0), ErrorCode.TOO_LARGE)
        .hasMessage("'reason' is too long: 1 code points, the limit is 0");
  }

  @Test
  void checkLengthCountsCodePointsSoAnEmojiIsOneCharacter() {
    String emoji = "\uD83D\uDE00"; // U+1F600, two UTF-16 units
    String atLimit = (emoji + "é✓").repeat(3) + emoji; // 10 code points in 17 UTF-16 units
    assertThat(Validation.checkLength("text", atLimit, 10)).isSameAs(atLimit);
    assertThat(Validation.requireText("text", emoji.repeat(5), 5)).isEqualTo(emoji.repeat(5));

    failsWith(() -> Validation.checkLength("text", atLimit + emoji, 10), ErrorCode.TOO_LARGE)
        .hasMessage("'text' is too long: 11 code points, the limit is 10");
    failsWith(() -> Validation.checkLength("text", atLimit + "a", 10), ErrorCode.TOO_LARGE)
        .hasMessage("'text' is too long: 11 code points, the limit is 10");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "\uD83D\uDE00", "a\uD83D\uDE00b\uDBFF\uDFFF", "\uD800\uDC00\uD800\uDC00"})
  void wellFormedTextPassesUnchanged(String text) {
    assertThat(Validation.requireWellFormed("text", text)).isSameAs(text);
  }

  @Test
  void everyUnpairedSurrogateIsFoundWhereItIs() {
    unpairedAt("\uD800", 0);            // a high one, last char
    unpairedAt("ab\uD83D", 2);          // a high one at the end, after text
    unpairedAt("\uDE00", 0);            // a low one alone
    unpairedAt("\uDE00\uD83D", 0);      // a pair in the wrong order
    unpairedAt("\uD83D\uD83D\uDE00", 0); // a high one followed by a full pair
    unpairedAt("\uD83Dx", 0);           // a high one followed by a plain char
    unpairedAt("\uD83D\uDE00\uDE00", 2); // a low one after a full pair
  }

  @Test
  void requirePresentReturnsWhatItChecked() {
    Object value = new Object();
    assertThat(Validation.requirePresent("x", value)).isSameAs(value);
    failsWith(() -> Validation.requirePresent("since", null), ErrorCode.BAD_REQUEST).hasMessage("missing field 'since'");
  }

  @Test
  void checkAtLeastAllowsTheMinimumAndAbsence() {
    assertThat(Validation.checkAtLeast("since", null, 0)).isNull();
    assertThat(Validation.checkAtLeast("since", 0L, 0)).isZero();
    assertThat(Validation.checkAtLeast("limit", 1L, 1)).isEqualTo(1L);
    assertThat(Validation.checkAtLeast("limit", Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);

    failsWith(() -> Validation.checkAtLeast("limit", 0L, 1), ErrorCode.BAD_REQUEST).hasMessage("'limit' must be at least 1");
    failsWith(() -> Validation.checkAtLeast("since", -1L, 0), ErrorCode.BAD_REQUEST).hasMessage("'since' must be at least 0");
    failsWith(() -> Validation.checkAtLeast("since", Long.MIN_VALUE, 0), ErrorCode.BAD_REQUEST);
  }

  private static void unpairedAt(String text, int index) {
    failsWith(() -> Validation.requireWellFormed("text", text), ErrorCode.BAD_REQUEST)
        .hasMessage("'text' holds an unpaired surrogate at " + index);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(Runnable call, ErrorCode code) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
