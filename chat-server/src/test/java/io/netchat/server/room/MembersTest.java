package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A room's member model with several sessions of one account (docs/PROTOCOL.md §18.2): one member,
 * several recipients; the first session in and the last out are what the room tells.
 */
class MembersTest {

  /** A session as a room sees it: only its nick and account matter here. */
  static Member session(String nick, String account) {
    return (Member) Proxy.newProxyInstance(Member.class.getClassLoader(), new Class<?>[] {Member.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "nick", "toString" -> nick;
          case "account" -> account;
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private final Members members = new Members();

  @Test
  void sessionsOfOneAccountAreOneMemberFirstInAndLastOut() {
    Member phone = session("alice", "alice");
    Member laptop = session("Alice", "alice");
    assertThat(members.add(phone, "alice")).isEqualTo(Members.Added.FIRST);
    assertThat(members.add(laptop, "Alice")).isEqualTo(Members.Added.DEVICE);
    assertThat(members.add(laptop, "Alice")).as("in already").isEqualTo(Members.Added.REFUSED);
    assertThat(members.size()).isEqualTo(1);
    assertThat(members.page(null, 10).items()).containsExactly("alice");
    assertThat(members.leave(phone)).isEqualTo(Members.Removed.DEVICE);
    assertThat(members.nick(laptop)).isEqualTo("alice");
    assertThat(members.leave(laptop)).isEqualTo(Members.Removed.LAST);
    assertThat(members.leave(laptop)).isEqualTo(Members.Removed.NOT_MEMBER);
    assertThat(members.size()).isZero();
  }

  @Test
  void aGuestOrAnotherAccountCannotShareANick() {
    members.add(session("bob", null), "bob");
    assertThat(members.add(session("bob", null), "bob")).isEqualTo(Members.Added.REFUSED);
    members.add(session("carol", "carol"), "carol");
    assertThat(members.add(session("carol", "mallory"), "carol")).isEqualTo(Members.Added.REFUSED);
    assertThat(members.isDeviceOf(session("carol", "carol"), "Carol")).isTrue();
    assertThat(members.isDeviceOf(session("carol", "mallory"), "carol")).isFalse();
    assertThat(members.isDeviceOf(session("bob", null), "bob")).as("guests are one session").isFalse();
  }

  @Test
  void oneOfSeveralSessionsRenamedTakesAPlaceOfItsOwnAndRenamedBackJoinsItsAccountAgain() {
    Member phone = session("dan", "dan");
    Member laptop = session("dan", "dan");
    members.add(phone, "dan");
    members.add(laptop, "dan");
    assertThat(members.rename(laptop, "danny")).isEqualTo(Members.Renamed.SPLIT);
    assertThat(members.page(null, 10).items()).containsExactly("dan", "danny");
    assertThat(members.rename(laptop, "dan")).isEqualTo(Members.Renamed.MERGED);
    assertThat(members.page(null, 10).items()).containsExactly("dan");
    assertThat(members.leave(phone)).isEqualTo(Members.Removed.DEVICE);
  }

  @Test
  void aLoneSessionRenamedIsANickChangeAndAResumedOneKeepsItsPlace() {
    Member erin = session("erin", "erin");
    members.add(erin, "erin");
    assertThat(members.rename(erin, "Erin")).isEqualTo(Members.Renamed.MEMBER);
    assertThat(members.rename(erin, "erin2")).isEqualTo(Members.Renamed.MEMBER);
    assertThat(members.page(null, 10).items()).containsExactly("erin2");
    Member other = session("erin", "erin");
    members.add(other, "erin2");
    Member resumed = session("erin2", "erin");
    assertThat(members.replace(erin, resumed)).isTrue();
    assertThat(members.contains(erin)).isFalse();
    assertThat(members.leave(resumed)).isEqualTo(Members.Removed.DEVICE);
    assertThat(members.leave(other)).isEqualTo(Members.Removed.LAST);
  }

  @Test
  void addAndRemoveSayWhetherTheyChangedAnything() {
    Member fay = session("fay", null);
    assertThat(members.add(fay)).isTrue();
    assertThat(members.add(fay)).as("in already").isFalse();
    assertThat(members.add(session("FAY", null))).as("another guest under that nick").isFalse();
    assertThat(members.remove(fay)).isTrue();
    assertThat(members.remove(fay)).as("not a member any more").isFalse();
  }

  @Test
  void onlyAMemberCanBeReplacedAndASessionTakingItsOwnPlaceStays() {
    Member gus = session("gus", null);
    assertThat(members.replace(gus, session("gus", null))).as("gus is not a member").isFalse();
    members.add(gus);

    assertThat(members.replace(gus, gus)).isTrue();
    assertThat(members.nick(gus)).isEqualTo("gus");
    assertThat(members.size()).isEqualTo(1);
  }

  @Test
  void aResumedLoneSessionShowsItsOwnNickButOneOfSeveralLeavesTheMembersNickAlone() {
    Member max = session("Max", null);
    members.add(max);
    Member resumedMax = session("MAX", null);
    assertThat(members.replace(max, resumedMax)).isTrue();
    assertThat(members.page(null, 10).items()).containsExactly("MAX");

    Member phone = session("nia", "nia");
    Member laptop = session("nia", "nia");
    members.add(phone, "nia");
    members.add(laptop, "nia");
    Member resumedLaptop = session("NIA", "nia");
    assertThat(members.replace(laptop, resumedLaptop)).isTrue();
    assertThat(members.page(null, 10).items()).containsExactly("MAX", "nia");
    assertThat(members.sessionsOf(phone)).containsExactly(phone, resumedLaptop);
  }

  @Test
  void aRenameOfANonMemberOrToTheSameNickChangesNothing() {
    Member hal = session("hal", null);
    assertThat(members.rename(hal, "hal2")).as("not a member").isEqualTo(Members.Renamed.NONE);
    members.add(hal);
    assertThat(members.rename(hal, "hal")).isEqualTo(Members.Renamed.NONE);
    assertThat(members.page(null, 10).items()).containsExactly("hal");
  }

  @Test
  void oneOfSeveralSessionsRenamedToANickStillHeldHereWaitsUnderItsAccountsNick() {
    Member phone = session("ivy", "ivy");
    Member laptop = session("ivy", "ivy");
    members.add(phone, "ivy");
    members.add(laptop, "ivy");
    members.add(session("jo", null), "jo"); // jo's own rename has not reached the room yet

    assertThat(members.rename(laptop, "jo")).isEqualTo(Members.Renamed.NONE);
    assertThat(members.nick(laptop)).isEqualTo("ivy");
    assertThat(members.sessionsOf(phone)).containsExactly(phone, laptop);
  }

  @Test
  void accountsNamesTheRegisteredMembersOfAPageAndLeavesGuestsOut() {
    members.add(session("kim", "kim-account"), "Kim");
    members.add(session("lee", null), "lee");

    assertThat(members.accounts(java.util.List.of("Kim", "lee", "gone"))).containsExactly(
        java.util.Map.entry("Kim", "kim-account"));
    assertThat(members.accounts(java.util.List.of("lee"))).as("guests only: no accounts field").isNull();
  }
}
