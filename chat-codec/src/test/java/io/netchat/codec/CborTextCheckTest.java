package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CBOR walk on its own, item by item (RFC 8949 §3): what it must let through untouched and
 * exactly where it must stop, including every width of length argument and the nesting limit.
 */
class CborTextCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "",                                   // nothing at all
      "00", "17", "20", "37",               // small unsigned and negative ints
      "18 FF", "19 FFFF", "1A FFFFFFFF",    // 1-, 2- and 4-byte unsigned arguments
      "1B FFFFFFFFFFFFFFFF", "3B 00000000000000FF",
      "F4 F5 F6 F7", "F9 3C00", "FA 3F800000", "FB 3FF0000000000000", // simple values and floats
      "60", "63 616263",                    // texts, empty and short
      "78 03 616263", "79 0003 616263", "7A 00000003 616263", "7B 0000000000000003 616263",
      "63 E282AC", "64 F09F9880",           // multi-byte UTF-8: € and an emoji
      "80", "82 01 02", "A0", "A1 61 61 01", // arrays and maps
      "A2 61 61 80 61 62 A0",
      "C1 1A 514B67B0", "C0 74 323031332D30332D32315432303A30343A30305A", // tags
      "7F FF", "7F 61 61 62 6263 FF",       // indefinite texts
      "9F FF", "9F 01 9F 02 FF FF", "BF 61 61 01 FF", "BF FF",
      "9F FF 9F FF",                        // two indefinite items, one after the other
      "01 02 03"                            // several items in a row
  })
  void wellFormedItemsPass(String hex) {
    assertThatCode(() -> check(hex)).doesNotThrowAnyException();
  }

  @Test
  void readsFromTheReaderIndexOnAndLeavesItThere() {
    ByteBuf payload = Unpooled.wrappedBuffer(Wire.hex("FF C0 63 616263"));
    try {
      payload.skipBytes(2);
      CborTextCheck.check(payload);
      assertThat(payload.readerIndex()).isEqualTo(2);
    } finally {
      payload.release();
    }
  }

  @Test
  void nestingUpToTheLimitPassesAndOneDeeperFails() {
    int limit = CborTextCheck.MAX_DEPTH;
    assertThatCode(() -> check("81".repeat(limit) + "00")).doesNotThrowAnyException();
    assertThatCode(() -> check("9F".repeat(limit) + "00" + "FF".repeat(limit))).doesNotThrowAnyException();
    assertThatCode(() -> check("C1".repeat(limit) + "00")).doesNotThrowAnyException();
    assertThatCode(() -> check("A1 00".repeat(limit) + "00")).doesNotThrowAnyException();

    malformed("81".repeat(limit + 1) + "00", "nested deeper than " + limit);
    malformed("9F".repeat(limit + 1) + "00" + "FF".repeat(limit + 1), "nested deeper than " + limit);
    malformed("C1".repeat(limit + 1) + "00", "nested deeper than " + limit);
    malformed("BF 00".repeat(limit + 1) + "00" + "FF".repeat(limit + 1), "nested deeper than " + limit);
  }

  @ParameterizedTest
  @ValueSource(strings = {"62 C0AF", "63 EDA080", "61 FF", "62 E282", "79 0002 C0AF", "A1 61 61 62 C0AF", "7F 61 61 62 C0AF FF"})
  void invalidUtf8InATextIsBadJson(String hex) {
    failsWith(hex, ErrorCode.BAD_JSON).hasMessage("a text string is not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"40", "41 00", "5F FF", "5F 41 00 FF", "A1 61 61 40", "C2 41 01"})
  void aByteStringIsABadRequest(String hex) {
    failsWith(hex, ErrorCode.BAD_REQUEST).hasMessage("a byte string where the model has none");
  }

  @ParameterizedTest
  @CsvSource({
      "'1C', reserved additional information 28",
      "'3D', reserved additional information 29",
      "'7E', reserved additional information 30",
      "'1F', unexpected break or indefinite length",
      "'3F', unexpected break or indefinite length",
      "'DF', unexpected break or indefinite length",
      "'FF', unexpected break or indefinite length",
      "'7F 41 00 FF', bad chunk in an indefinite-length text string",
      "'7F 7F FF FF', bad chunk in an indefinite-length text string",
      "'7F 01 FF', bad chunk in an indefinite-length text string",
      "'64 616263', a length runs past the end of the frame",
      "'78 04 616263', a length runs past the end of the frame",
      "'7B FFFFFFFFFFFFFFFF 00', a length runs past the end of the frame",
      "'7B 8000000000000000', a length runs past the end of the frame",
      "'18', truncated",
      "'19 00', truncated",
      "'1A 000000', truncated",
      "'1B 00000000000000', truncated",
      "'82 01', truncated",
      "'A1 61 61', truncated",
      "'A2 61 61 01 61 62', truncated",
      "'C1', truncated",
      "'7F 61 61', truncated",
      "'9F 01', truncated",
      "'BF 61 61 01', truncated",
      "'9F', truncated"
  })
  void malformedStructureIsBadJsonSayingWhy(String hex, String why) {
    malformed(hex, why);
  }

  @Test
  void aTextEndingExactlyAtTheEndOfTheFramePasses() {
    assertThatCode(() -> check("63 616263")).doesNotThrowAnyException();
    malformed("63 6162", "a length runs past the end of the frame");
  }

  private static void malformed(String hex, String why) {
    failsWith(hex, ErrorCode.BAD_JSON).hasMessage("malformed cbor: " + why);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String hex, ErrorCode code) {
    return assertThatThrownBy(() -> check(hex))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void check(String hex) {
    ByteBuf payload = Unpooled.wrappedBuffer(Wire.hex(hex));
    try {
      CborTextCheck.check(payload);
    } finally {
      payload.release();
    }
  }
}
