package io.netchat.server;

import static io.netchat.server.Moderated.answer;
import static io.netchat.server.Moderated.join;
import static io.netchat.server.Moderated.login;
import static io.netchat.server.Moderated.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * §17 on embedded channels: kicks in the order of the room's stream (and their v1 fallback),
 * bans by nick, account and address with their expiry on virtual time, every mode enforced,
 * who may look at a room, and invites.
 */
class ModerationTest {
  /** A clock the test moves: ban expiry runs on it. */
  static final class MovableClock extends Clock {
    private volatile Instant now = EmbeddedServer.NOW;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults(), clock);

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void aKickIsARoomEventInTheStreamAndV1SessionsSeeALeave() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    EmbeddedServer.Connection carol = server.login("carol"); // v1
    join(carol, "r");
    EmbeddedServer.Connection dave = server.login("dave"); // v1, kicked
    join(dave, "r");
    for (EmbeddedServer.Connection c : List.of(ann, bob, carol, dave)) {
      c.received();
    }

    ann.send(new ClientMessage.Say("1", "r", "before"));
    ann.send(new ClientMessage.Kick("2", "r", "DAVE", "spam"));
    ann.send(new ClientMessage.Say("3", "r", "after"));

    List<Object> seenByBob = bob.received();
    assertThat(seenByBob).hasSize(3);
    ServerMessage.Message before = (ServerMessage.Message) seenByBob.get(0);
    assertThat(seenByBob.get(1)).isEqualTo(new ServerMessage.Kick("r", "dave", "ann", "spam", before.seq() + 1));
    assertThat(seenByBob.get(2)).isInstanceOfSatisfying(ServerMessage.Message.class,
        m -> assertThat(m.seq()).isEqualTo(before.seq() + 2));
    assertThat(carol.received()).as("v1: the kick is a leave, in the same place").containsExactly(
        before, new ServerMessage.Presence("r", "dave", ServerMessage.Presence.LEAVE), seenByBob.get(2));
    assertThat(dave.received()).as("the kicked v1 session: left, and nothing after").containsExactly(
        before, new ServerMessage.Left("r"));
    assertThat(Moderated.code(ann.received())).isNull();

    assertThat(answer(dave, new ClientMessage.Say("s", "r", "still here?"))).isEqualTo(ErrorCode.NOT_JOINED);
    bob.send(new ClientMessage.Who("w", "r"));
    assertThat(only(bob.received(), ServerMessage.Members.class).get(0).nicks()).containsExactly("ann", "bob", "carol");

    bob.send(new ClientMessage.Leave("l", "r"));
    bob.received();
    bob.send(new ClientMessage.Join("j", "r", before.seq() - 1, null));
    assertThat(bob.received()).as("a re-join recovers the kick like a message").filteredOn(
        m -> m instanceof ServerMessage.Kick || m instanceof ServerMessage.Message).hasSize(3)
        .element(1).isInstanceOf(ServerMessage.Kick.class);
  }

  /** §17.1: a 1.1 session's {@code joined} names its own role, a v1 session's stays exactly v1. */
  @Test
  void aJoinedTellsA11SessionItsOwnRoleAndAV1SessionNothing() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    assertThat(joined(ann, "r").role()).as("the creator").isEqualTo("owner");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    assertThat(joined(bob, "r").role()).isEqualTo("member");
    EmbeddedServer.Connection carol = server.login("carol"); // v1
    assertThat(joined(carol, "r").role()).as("v1").isNull();
    ann.received();
    assertThat(answer(ann, new ClientMessage.Role("o", "r", "bob", "op"))).isNull();
    bob.send(new ClientMessage.Leave("l", "r"));
    bob.received();
    assertThat(joined(bob, "r").role()).as("after a role change").isEqualTo("op");
  }

  private static ServerMessage.Joined joined(EmbeddedServer.Connection c, String room) {
    c.send(new ClientMessage.Join("j", room, null));
    return only(c.received(), ServerMessage.Joined.class).get(0);
  }

  @Test
  void aKickedEventsSessionSeesTheKickNamingItAndMayRejoin() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    ann.received();
    assertThat(answer(ann, new ClientMessage.Kick("k", "r", "bob", null))).isNull();
    assertThat(bob.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Kick.class,
        kick -> assertThat(kick.nick()).isEqualTo("bob"));
    assertThat(join(bob, "r")).as("a kick is not a ban").isTrue();
    assertThat(answer(bob, new ClientMessage.Kick("k", "r", "ann", null))).as("a member kicking the owner")
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(ann, new ClientMessage.Kick("k", "r", "nobody", null))).isEqualTo(ErrorCode.NO_SUCH_USER);
  }

  @Test
  void bansByNickAccountAndAddressKeepMatchingUsersOutUntilTheyExpireOnVirtualTime() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    assertThat(answer(ann, new ClientMessage.Ban("b", "r", "Spam*", null, "ads"))).isNull();
    assertThat(answer(ann, new ClientMessage.Ban("b", "r", "account:EVE", 3600L, null))).isNull();
    assertThat(answer(ann, new ClientMessage.Ban("b", "r", "addr:10.9.0.0/16", 60L, null))).isNull();
    assertThat(answer(ann, new ClientMessage.Ban("b", "r", "addr:nowhere.example", null, null)))
        .isEqualTo(ErrorCode.BAD_REQUEST);

    EmbeddedServer.Connection spammer = login(server, "spammer2", true);
    spammer.send(new ClientMessage.Join("j", "r", null));
    assertThat(only(spammer.received(), ServerMessage.Error.class)).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.BANNED);
      assertThat(e.message()).contains("ads");
      assertThat(e.command()).isEqualTo("join");
    });
    EmbeddedServer.Connection eve = login(server, "evelyn", true);
    server.context().users().find("evelyn").account("eve");
    assertThat(Moderated.join(eve, "r", null)).isEqualTo(ErrorCode.BANNED);
    EmbeddedServer.Connection guestEve = login(server, "eve", true);
    assertThat(join(guestEve, "r")).as("a guest called eve is not the account eve").isTrue();
    EmbeddedServer.Connection near = login(server, "near", "10.9.200.1");
    assertThat(Moderated.join(near, "r", null)).isEqualTo(ErrorCode.BANNED);
    EmbeddedServer.Connection far = login(server, "far", "10.10.0.1");
    assertThat(join(far, "r")).isTrue();

    clock.advance(Duration.ofSeconds(60));
    assertThat(join(near, "r")).as("the address ban ended after 60 s").isTrue();
    assertThat(Moderated.join(eve, "r", null)).as("the account ban lasts an hour").isEqualTo(ErrorCode.BANNED);
    ann.received();
    ann.send(new ClientMessage.Bans("l", "r", null, null));
    ServerMessage.Bans list = only(ann.received(), ServerMessage.Bans.class).get(0);
    assertThat(list.bans()).extracting(ServerMessage.BanInfo::mask).containsExactly("account:eve", "spam*");
    assertThat(list.bans().get(0).expires()).isEqualTo(EmbeddedServer.NOW.plusSeconds(3600));
    assertThat(answer(ann, new ClientMessage.Unban("u", "r", "ACCOUNT:eve"))).isNull();
    assertThat(join(eve, "r")).isTrue();
    assertThat(answer(ann, new ClientMessage.Unban("u", "r", "account:eve"))).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void aMemberBannedThenKickedIsRefusedWhenItRejoins() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    assertThat(answer(ann, new ClientMessage.Ban("b", "r", "bob", null, "rude"))).isNull();
    assertThat(answer(bob, new ClientMessage.Say("s", "r", "a ban keeps out, it does not remove"))).isNull();
    assertThat(answer(ann, new ClientMessage.Kick("k", "r", "bob", null))).isNull();
    bob.received();
    assertThat(Moderated.join(bob, "r", null)).isEqualTo(ErrorCode.BANNED);
    assertThat(answer(bob, new ClientMessage.Say("s", "r", "let me in"))).isEqualTo(ErrorCode.NOT_JOINED);
  }

  @Test
  void theBanListIsPaged() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    for (String mask : new String[] {"a1", "a2", "a3"}) {
      answer(ann, new ClientMessage.Ban("b", "r", mask, null, null));
    }
    ann.send(new ClientMessage.Bans("l", "r", null, 2));
    ServerMessage.Bans first = only(ann.received(), ServerMessage.Bans.class).get(0);
    assertThat(first.bans()).extracting(ServerMessage.BanInfo::mask).containsExactly("a1", "a2");
    ann.send(new ClientMessage.Bans("l", "r", first.next(), 2));
    ServerMessage.Bans second = only(ann.received(), ServerMessage.Bans.class).get(0);
    assertThat(second.bans()).extracting(ServerMessage.BanInfo::mask).containsExactly("a3");
    assertThat(second.next()).isNull();
  }

  @Test
  void inviteOnlyAndKeyKeepOutThoseNotInvitedAndAnInviteLetsOneIn() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", true, null, null, null, null, null))).isNull();
    EmbeddedServer.Connection bob = login(server, "bob", true);
    assertThat(Moderated.join(bob, "r", null)).isEqualTo(ErrorCode.INVITE_ONLY);
    assertThat(answer(ann, new ClientMessage.Invite("i", "r", "bob"))).isNull();
    assertThat(bob.received()).containsExactly(new ServerMessage.Invite("r", "ann"));
    assertThat(join(bob, "r")).isTrue();
    bob.send(new ClientMessage.Leave("l", "r"));
    bob.received();
    assertThat(Moderated.join(bob, "r", null)).as("an invite is used once").isEqualTo(ErrorCode.INVITE_ONLY);

    assertThat(answer(ann, new ClientMessage.Mode("m", "r", false, "s3same", null, null, null, null))).isNull();
    assertThat(Moderated.join(bob, "r", null)).isEqualTo(ErrorCode.BAD_KEY);
    assertThat(Moderated.join(bob, "r", "wrong")).isEqualTo(ErrorCode.BAD_KEY);
    assertThat(Moderated.join(bob, "r", "s3same")).isNull();

    EmbeddedServer.Connection carol = server.login("carol"); // v1: the invite comes as a dm
    assertThat(answer(ann, new ClientMessage.Invite("i", "r", "carol"))).isNull();
    assertThat(only(carol.received(), ServerMessage.Dm.class)).singleElement()
        .satisfies(dm -> assertThat(dm.text()).isEqualTo("ann invites you to room r"));
    assertThat(Moderated.join(carol, "r", null)).as("an invite passes the key").isNull();
  }

  @Test
  void moderatedTopicLockedAndLimitAreEnforced() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", null, null, true, true, null, 2))).isNull();
    List<Object> seenByBob = bob.received();
    assertThat(only(seenByBob, ServerMessage.Mode.class)).singleElement().satisfies(mode -> {
      assertThat(mode.by()).isEqualTo("ann");
      assertThat(mode.seq()).isNotNull();
      assertThat(mode.moderated()).isTrue();
      assertThat(mode.topicLocked()).isTrue();
      assertThat(mode.limit()).isEqualTo(2);
      assertThat(mode.inviteOnly()).as("only what changed").isNull();
    });
    assertThat(answer(bob, new ClientMessage.Say("s", "r", "hello?"))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(bob, new ClientMessage.Topic("t", "r", "mine"))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(ann, new ClientMessage.Role("v", "r", "bob", "voice"))).isNull();
    assertThat(answer(bob, new ClientMessage.Say("s", "r", "now I speak"))).isNull();
    assertThat(answer(bob, new ClientMessage.Topic("t", "r", "mine"))).as("voice is not op").isEqualTo(ErrorCode.FORBIDDEN);

    EmbeddedServer.Connection carol = login(server, "carol", true);
    carol.send(new ClientMessage.Join("j", "r", null));
    ServerMessage.Error full = only(carol.received(), ServerMessage.Error.class).get(0);
    assertThat(full.errorCode()).isEqualTo(ErrorCode.ROOM_FULL);
    assertThat(full.temporary()).isTrue();
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", null, null, null, null, null, 100_000)))
        .as("above the server's max_members_per_room").isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", null, null, null, null, null, 0))).isNull();
    assertThat(join(carol, "r")).isTrue();

    carol.send(new ClientMessage.Mode("m", "r", null, null, null, null, null, null));
    assertThat(only(carol.received(), ServerMessage.Mode.class)).containsExactly(
        new ServerMessage.Mode("r", false, "", true, true, false, 0, null, null, "m"));
  }

  @Test
  void aPublicRoomIsReadableWithoutJoiningAPrivateOneAnswersItsMembersOnlyAndASecretOneIsHidden() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection out = login(server, "out", true);
    assertThat(answer(out, new ClientMessage.Who("w", "r"))).isNull();
    assertThat(answer(out, new ClientMessage.History("h", "r", null, null))).isNull();
    assertThat(answer(out, new ClientMessage.Topic("t", "r", null))).isNull();

    assertThat(answer(ann, new ClientMessage.Mode("m", "r", true, null, null, null, null, null))).isNull();
    assertThat(answer(out, new ClientMessage.Who("w", "r"))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(out, new ClientMessage.History("h", "r", null, null))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(out, new ClientMessage.Topic("t", "r", null))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(ann, new ClientMessage.Who("w", "r"))).isNull();

    assertThat(answer(ann, new ClientMessage.Mode("m", "r", false, null, null, null, true, null))).isNull();
    assertThat(answer(out, new ClientMessage.Who("w", "r"))).isEqualTo(ErrorCode.NO_SUCH_ROOM);
    out.send(new ClientMessage.Rooms("l", null, null));
    assertThat(only(out.received(), ServerMessage.Rooms.class).get(0).rooms()).isEmpty();
    out.send(new ClientMessage.Whois("q", "ann"));
    assertThat(only(out.received(), ServerMessage.Whois.class).get(0).rooms()).isEmpty();
    ann.send(new ClientMessage.Whois("q", "ann"));
    assertThat(only(ann.received(), ServerMessage.Whois.class).get(0).rooms()).containsExactly("r");
  }

  @Test
  void rolesFollowAGuestsNickChangeAndTheOwnersRoleCannotBeChanged() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    assertThat(answer(ann, new ClientMessage.Role("o", "r", "bob", "op"))).isNull();
    assertThat(answer(bob, new ClientMessage.Role("o", "r", "ann", "member"))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(bob, new ClientMessage.Nick("n", "bobby"))).isNull();
    assertThat(answer(bob, new ClientMessage.Ban("b", "r", "x*", null, null))).as("op under the new nick").isNull();
    EmbeddedServer.Connection other = login(server, "bob", true);
    assertThat(join(other, "r")).isTrue();
    assertThat(answer(other, new ClientMessage.Ban("b", "r", "y*", null, null))).as("the old nick holds nothing")
        .isEqualTo(ErrorCode.FORBIDDEN);
  }
}
