package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** §17.3: the three mask forms, their canonical text, what each matches, and what is refused. */
class BanMaskTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "Bob, bob",
      "nick:Spam*, spam*",
      "ACCOUNT:Eve, account:eve",
      "addr:203.0.113.7, addr:203.0.113.7",
      "addr:203.0.113.7/24, addr:203.0.113.0/24",
      "addr:2001:DB8::1/32, addr:2001:db8::/32",
      "addr:10.0.0.0/0, addr:0.0.0.0/0",
      "addr:203.0.113.7/32, addr:203.0.113.7",
      "addr:2001:db8::1/128, addr:2001:db8::1"})
  void aMaskIsKeptInItsCanonicalText(String mask, String canonical) {
    assertThat(BanMask.parse(mask).text()).isEqualTo(canonical);
    assertThat(BanMask.parse(canonical)).as("the canonical text names the same ban").isEqualTo(BanMask.parse(mask));
  }

  @Test
  void aNickPatternMatchesNicksCaseInsensitivelyWithStarAndQuestionMark() {
    BanMask spam = BanMask.parse("spam*");
    assertThat(spam.matches("Spammer", null, "10.0.0.1")).isTrue();
    assertThat(spam.matches("spam", null, null)).isTrue();
    assertThat(spam.matches("nospam", null, null)).isFalse();
    BanMask one = BanMask.parse("b?b");
    assertThat(one.matches("BOB", "someone", null)).isTrue();
    assertThat(one.matches("bb", null, null)).isFalse();
    assertThat(BanMask.parse("*a*b").matches("xxaxxbxb", null, null)).isTrue();
    assertThat(BanMask.parse("*a*b").matches("xxaxxbx", null, null)).isFalse();
  }

  @Test
  void anAccountMaskMatchesTheAccountOnlyNeverAGuestOfThatNick() {
    BanMask eve = BanMask.parse("account:eve");
    assertThat(eve.matches("whoever", "Eve", null)).isTrue();
    assertThat(eve.matches("eve", null, null)).as("a guest called eve").isFalse();
    assertThat(eve.matches("eve", "eve2", null)).isFalse();
  }

  @Test
  void anAddressMaskMatchesItsNetworkOfTheSameFamily() {
    BanMask net = BanMask.parse("addr:198.51.100.0/22");
    assertThat(net.matches("a", null, "198.51.103.255")).isTrue();
    assertThat(net.matches("a", null, "198.51.104.0")).isFalse();
    assertThat(net.matches("a", null, "embedded")).as("no address").isFalse();
    assertThat(net.matches("a", null, "::1")).as("another family").isFalse();
    BanMask six = BanMask.parse("addr:2001:db8::/32");
    assertThat(six.matches("a", null, "2001:db8:ffff::9")).isTrue();
    assertThat(six.matches("a", null, "2001:db9::9")).isFalse();
    assertThat(BanMask.parse("addr:192.0.2.1").matches("a", null, "192.0.2.1")).isTrue();
    assertThat(BanMask.parse("addr:192.0.2.1").matches("a", null, "192.0.2.2")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"addr:example.com", "addr:10.0.0.1/33", "addr:10.0.0.1/x", "addr:", "account:",
      "bad mask", "a@b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void aBadMaskIsRefusedWithoutLookingAnythingUp(String mask) {
    assertThatThrownBy(() -> BanMask.parse(mask)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad mask");
  }

  @Test
  void aNetworkMatchesEveryAddressInItsLastPartialOrEmptyByteAndNoneBeyond() {
    BanMask net = BanMask.parse("addr:192.0.2.0/24");
    assertThat(net.matches("a", null, "192.0.2.255")).isTrue();
    assertThat(net.matches("a", null, "192.0.2.128")).isTrue();
    assertThat(net.matches("a", null, "192.0.3.0")).isFalse();
    BanMask all = BanMask.parse("addr:0.0.0.0/0");
    assertThat(all.matches("a", null, "203.0.113.9")).as("every IPv4 address").isTrue();
    assertThat(all.matches("a", null, "2001:db8::1")).as("but no IPv6 one").isFalse();
  }

  @Test
  void aPrefixTooLongForItsFamilyIsRefusedNamingThatFamilysLongest() {
    assertThatThrownBy(() -> BanMask.parse("addr:10.0.0.1/33")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("the prefix length must be 0 to 32");
    assertThatThrownBy(() -> BanMask.parse("addr:2001:db8::/129")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("the prefix length must be 0 to 128");
  }

  @Test
  void masksAreEqualByTheirCanonicalTextAndShowIt() {
    BanMask bob = BanMask.parse("nick:BOB");
    assertThat(bob).isEqualTo(BanMask.parse("bob")).hasSameHashCodeAs(BanMask.parse("bob")).hasToString("bob");
    assertThat(bob).isNotEqualTo(BanMask.parse("account:bob")).isNotEqualTo("bob");
    BanMask net = BanMask.parse("addr:10.1.2.3/8");
    assertThat(net).hasSameHashCodeAs(BanMask.parse("addr:10.0.0.0/8")).hasToString("addr:10.0.0.0/8");
  }
}
