package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.config.LimitsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's paths a session takes besides join, say and leave: a resumed session taking its
 * old connection's place (or finding the room gone), a join that reached a room just removed
 * (rejoin, and rejoin refused at {@code max_rooms}), a member regrouped into another format, and a
 * guest joining under a nick a member still holds in the room.
 */
class RoomRegistrySeatsTest {
  private static final List<WireFormat> FORMATS = List.of(
      WireFormat.of("length", "json", 65_536, CodecRegistry.load()),
      WireFormat.of("length", "cbor", 65_536, CodecRegistry.load()));
  private final EventLoop loop = new DefaultEventLoop();
  private final RoomRegistry rooms = new RoomRegistry(new RoomContext(FORMATS, ByteBufAllocator.DEFAULT,
      Clock.systemUTC(), LimitsConfig.defaults().toBuilder().maxRooms(2).build(), Duration.ofMinutes(10),
      (capacity, limits) -> new RingHistory(capacity, limits, new HistoryBudget(1 << 20))), () -> loop);
  private final RecordingMember alice = member("alice");
  private final RecordingMember bob = member("bob");

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }

  @Test
  void aResumedSessionTakesTheOldOnesSeatAndItsBroadcastsWithoutPresence() throws Exception {
    RecordingMember resumed = member("alice");
    run(() -> {
      rooms.join(alice, "lobby", null, null);
      rooms.join(bob, "lobby", null, null);
    });
    settle(alice, bob);
    bob.received.clear();

    run(() -> rooms.takeOver(alice, resumed, "lobby"));
    settle(resumed);
    run(() -> rooms.say(bob, "lobby", "still there?", null, null, false));
    settle(bob);
    int aliceHad = alice.received.size();

    assertThat(resumed.joinsAnswered).containsExactly("lobby joined");
    assertThat(resumed.received).singleElement().isInstanceOf(ServerMessage.Message.class)
        .extracting(m -> ((ServerMessage.Message) m).text()).isEqualTo("still there?");
    assertThat(bob.received).as("bob sees no quit and no join").noneMatch(ServerMessage.Presence.class::isInstance);
    run(() -> rooms.say(bob, "lobby", "again", null, null, false));
    settle(bob);
    assertThat(alice.received).as("the old connection gets nothing more").hasSize(aliceHad);
  }

  @Test
  void aResumeIntoARoomThatIsGoneIsAnsweredNotJoined() throws Exception {
    RecordingMember resumed = member("alice");

    run(() -> rooms.takeOver(alice, resumed, "gone"));
    settle(resumed);

    assertThat(resumed.joinsAnswered).containsExactly("gone refused");
    assertThat(resumed.received).isEmpty();
  }

  @Test
  void aJoinThatReachedARemovedRoomJoinsTheRoomNowUnderThatName() throws Exception {
    CompletionStage<?> answered = loop.submit(() -> rooms.rejoin(bob, "bob", "Lobby", null, null, null, "7"))
        .get(10, TimeUnit.SECONDS);
    answered.toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(bob.joinsAnswered).containsExactly("lobby joined");
    assertThat(bob.received).first().isInstanceOfSatisfying(ServerMessage.Joined.class,
        joined -> assertThat(joined.members()).containsExactly("bob"));
    assertThat(bob.received).last().isEqualTo(new ServerMessage.Ok("7"));
    assertThat(rooms.get("lobby")).isNotNull();
  }

  @Test
  void aRejoinRefusedAtMaxRoomsIsAnsweredWithTheLimit() throws Exception {
    run(() -> {
      rooms.join(alice, "one", null, null);
      rooms.join(alice, "two", null, null);
    });
    settle(alice);

    CompletionStage<?> answered = loop.submit(() -> rooms.rejoin(bob, "bob", "three", null, null, null, "8"))
        .get(10, TimeUnit.SECONDS);

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(bob.joinsAnswered).containsExactly("three refused");
    assertThat(bob.received).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, error -> {
      assertThat(error.code()).isEqualTo("limit_reached");
      assertThat(error.re()).isEqualTo("8");
    });
  }

  @Test
  void aRegroupedMemberTakesTheRoomsBroadcastsInItsNewFormat() throws Exception {
    run(() -> {
      rooms.join(alice, "lobby", null, null);
      rooms.join(bob, "lobby", null, null);
    });
    settle(alice, bob);
    run(() -> rooms.say(alice, "lobby", "in json", null, null, false));
    settle(alice);
    bob.frameCodecs.clear();

    bob.switchFormat(1);
    run(() -> rooms.regroup(bob, "lobby"));
    settle(bob);
    run(() -> rooms.say(alice, "lobby", "in cbor", null, null, false));
    settle(alice);

    assertThat(bob.frameCodecs).containsExactly("cbor");
    assertThat(bob.received).last().extracting(m -> ((ServerMessage.Message) m).text()).isEqualTo("in cbor");
  }

  @Test
  void aGuestJoiningUnderANickAMemberStillHoldsInTheRoomIsRefusedAndMayRetry() throws Exception {
    RecordingMember newAlice = member("alice"); // the nick was freed elsewhere; the rename is not in the room yet
    run(() -> rooms.join(alice, "lobby", null, null));
    settle(alice);

    run(() -> rooms.join(newAlice, "lobby", null, "3"));
    settle(newAlice);

    assertThat(newAlice.joinsAnswered).containsExactly("lobby refused");
    assertThat(newAlice.received).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, error -> {
      assertThat(error.code()).isEqualTo("nick_taken");
      assertThat(error.re()).isEqualTo("3");
      assertThat(error.temporary()).isTrue();
    });
    assertThat(alice.received).noneMatch(ServerMessage.Presence.class::isInstance);
  }

  private RecordingMember member(String nick) {
    return new RecordingMember(nick, loop, FORMATS);
  }

  private void run(Runnable commands) throws Exception {
    loop.submit(commands).get(10, TimeUnit.SECONDS);
  }

  /** Waits until the room work of each member's calls so far has run, and the loop's tasks after it. */
  private void settle(RecordingMember... members) throws Exception {
    for (RecordingMember member : members) {
      member.settled().get(10, TimeUnit.SECONDS);
    }
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
  }
}
