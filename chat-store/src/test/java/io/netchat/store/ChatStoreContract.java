package io.netchat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ChatStore} promises; one subclass per implementation runs it. */
public abstract class ChatStoreContract {

  protected static final Duration WAIT = Duration.ofSeconds(30);
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

  protected ChatStore store;

  /** Opens a fresh, empty store of the implementation under test. */
  protected abstract ChatStore newStore(StoreConfig.Durability durability) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore(StoreConfig.Durability.COMMIT);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aNewRoomStartsAtSeqZeroWithAnEpochAndNoTopic() throws Exception {
    RoomState state = await(store.openRoom("lobby", "Lobby", T0));
    assertThat(state.lastSeq()).isZero();
    assertThat(state.meta().name()).isEqualTo("Lobby");
    assertThat(state.meta().topic()).isEmpty();
    assertThat(state.meta().created()).isEqualTo(T0);
    assertThat(state.meta().epoch()).isBetween(1L, (1L << 53) - 1);
  }

  @Test
  void openingAgainReturnsTheSameRoomNotANewOne() throws Exception {
    RoomState first = await(store.openRoom("lobby", "Lobby", T0));
    await(store.append("lobby", "ann", "hi", T0));
    RoomState again = await(store.openRoom("lobby", "LOBBY", T0.plusSeconds(5)));
    assertThat(again.meta()).isEqualTo(first.meta());
    assertThat(again.lastSeq()).isEqualTo(1);
  }

  @Test
  void appendsGetConsecutiveSeqsPerRoomAndRoomsAreIndependent() throws Exception {
    await(store.openRoom("a", "a", T0));
    await(store.openRoom("b", "b", T0));
    List<CompletableFuture<Long>> a = new ArrayList<>();
    List<CompletableFuture<Long>> b = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(store.append("a", "ann", "a" + i, T0));
      if (i % 2 == 0) {
        b.add(store.append("b", "bob", "b" + i, T0));
      }
    }
    for (int i = 0; i < a.size(); i++) {
      assertThat(await(a.get(i))).isEqualTo(i + 1L);
    }
    for (int i = 0; i < b.size(); i++) {
      assertThat(await(b.get(i))).isEqualTo(i + 1L);
    }
    assertThat(await(store.openRoom("a", "a", T0)).lastSeq()).isEqualTo(50);
  }

  @Test
  void appendFuturesCompleteInCallOrder() throws Exception {
    await(store.openRoom("a", "a", T0));
    List<Long> completed = new ArrayList<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(store.append("a", "ann", "m" + i, T0).thenAccept(seq -> {
        synchronized (completed) {
          completed.add(seq);
        }
      }));
    }
    await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    assertThat(completed).isSorted().hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void readAfterReturnsTheNextMessagesOldestFirstBoundedByLimit() throws Exception {
    appendN("r", 10);
    List<StoredMessage> page = await(store.readAfter("r", 3, 4));
    assertThat(page).extracting(StoredMessage::seq).containsExactly(4L, 5L, 6L, 7L);
    assertThat(page.get(0)).isEqualTo(new StoredMessage(4, "ann", "m4", T0.plusMillis(4)));
    assertThat(await(store.readAfter("r", 0, 1000))).hasSize(10);
    assertThat(await(store.readAfter("r", 10, 5))).isEmpty();
  }

  @Test
  void readBeforeReturnsTheNewestOlderMessagesOldestFirst() throws Exception {
    appendN("r", 10);
    assertThat(await(store.readBefore("r", 8, 3)))
        .extracting(StoredMessage::seq).containsExactly(5L, 6L, 7L);
    assertThat(await(store.readBefore("r", 3, 10)))
        .extracting(StoredMessage::seq).containsExactly(1L, 2L);
    assertThat(await(store.readBefore("r", Long.MAX_VALUE, 2)))
        .extracting(StoredMessage::seq).containsExactly(9L, 10L);
  }

  @Test
  void aRoomNeverOpenedReadsEmpty() throws Exception {
    assertThat(await(store.readAfter("nowhere", 0, 10))).isEmpty();
    assertThat(await(store.readBefore("nowhere", 100, 10))).isEmpty();
  }

  @Test
  void textKeepsEveryCharacter() throws Exception {
    await(store.openRoom("u", "u", T0));
    String text = "héllo 👋 \"quotes\" 'single' \\ ; DROP TABLE messages; --\n\ttab \u0000nul";
    await(store.append("u", "ann", text, T0));
    assertThat(await(store.readAfter("u", 0, 1)).get(0).text()).isEqualTo(text);
  }

  @Test
  void aTopicChangeIsReadBackWithTheRoomAndKeepsNameCreatedAndEpoch() throws Exception {
    RoomState state = await(store.openRoom("t", "T", T0));
    assertThat(await(store.appendTopic("t", "the topic", "ann", T0))).isEqualTo(1);
    RoomMeta read = await(store.openRoom("t", "other", T0.plusSeconds(9))).meta();
    assertThat(read).isEqualTo(state.meta().withTopic("the topic", "ann"));
    assertThat(await(store.appendTopic("t", "", "", T0))).isEqualTo(2);
    assertThat(await(store.openRoom("t", "T", T0)).meta()).isEqualTo(state.meta());
  }

  @Test
  void topicChangesAndMessagesShareOneNumberingInCallOrder() throws Exception {
    await(store.openRoom("t", "t", T0));
    List<CompletableFuture<Long>> seqs = List.of(
        store.append("t", "ann", "one", T0),
        store.appendTopic("t", "x", "ann", T0.plusMillis(1)),
        store.append("t", "bob", "two", T0.plusMillis(2)),
        store.appendTopic("t", "y", "bob", T0.plusMillis(3)));
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(await(seqs.get(i))).isEqualTo(i + 1L);
    }
    RoomState state = await(store.openRoom("t", "t", T0));
    assertThat(state.meta().topic()).isEqualTo("y");
    assertThat(state.meta().topicBy()).isEqualTo("bob");
    assertThat(state.lastSeq()).isEqualTo(4);
    assertThat(await(store.append("t", "ann", "three", T0))).isEqualTo(5);
  }

  @Test
  void readsReturnEventsInTheirPlaceOrMessagesOnly() throws Exception {
    await(store.openRoom("e", "e", T0));
    store.append("e", "ann", "m1", T0.plusMillis(1));
    store.appendTopic("e", "first", "ann", T0.plusMillis(2));
    store.append("e", "bob", "m3", T0.plusMillis(3));
    store.appendTopic("e", "", "", T0.plusMillis(4));
    await(store.append("e", "ann", "m5", T0.plusMillis(5)));

    assertThat(await(store.readAfter("e", 0, 10, ChatStore.Select.EVENTS))).containsExactly(
        new StoredMessage(1, "ann", "m1", T0.plusMillis(1)),
        StoredMessage.topic(2, "ann", "first", T0.plusMillis(2)),
        new StoredMessage(3, "bob", "m3", T0.plusMillis(3)),
        StoredMessage.topic(4, "", "", T0.plusMillis(4)),
        new StoredMessage(5, "ann", "m5", T0.plusMillis(5)));
    assertThat(await(store.readAfter("e", 0, 10, ChatStore.Select.MESSAGES)))
        .extracting(StoredMessage::seq).containsExactly(1L, 3L, 5L);
    assertThat(await(store.readAfter("e", 0, 10))).as("messages only by default")
        .extracting(StoredMessage::seq).containsExactly(1L, 3L, 5L);
    assertThat(await(store.readBefore("e", 6, 3, ChatStore.Select.EVENTS)))
        .extracting(StoredMessage::seq).containsExactly(3L, 4L, 5L);
    assertThat(await(store.readBefore("e", 6, 2, ChatStore.Select.MESSAGES)))
        .as("the limit counts what is selected").extracting(StoredMessage::seq).containsExactly(3L, 5L);
    assertThat(await(store.readAfter("e", 1, 2, ChatStore.Select.MESSAGES)))
        .extracting(StoredMessage::seq).containsExactly(3L, 5L);
    assertThat(await(store.readAfter("e", 1, 1, ChatStore.Select.EVENTS)))
        .extracting(StoredMessage::kind).containsExactly(StoredMessage.Kind.TOPIC);
  }

  @Test
  void aRoomNoAccountOwnsHasNoStoredRules() throws Exception {
    assertThat(await(store.openRoom("lobby", "Lobby", T0)).rules()).isNull();
    await(store.appendEvent("lobby", "bob", "{}", T0, null));
    assertThat(await(store.openRoom("lobby", "Lobby", T0)).rules()).isNull();
  }

  @Test
  void moderationEventsTakeTheNextSeqAndTheirRuleChangesApplyInCallOrder() throws Exception {
    await(store.openRoom("lobby", "Lobby", T0));
    StoredRules.Grant owner = new StoredRules.Grant("ann", "owner", "ann", T0);
    StoredRules.Grant op = new StoredRules.Grant("bob", "op", "ann", T0);
    await(store.changeRules("lobby", new RuleChange.Snapshot(
        new StoredRules(StoredRules.Modes.NONE, List.of(owner), List.of()))));
    await(store.append("lobby", "ann", "hi", T0));
    CompletableFuture<Long> grant = store.appendEvent("lobby", "ann", "grant", T0, new RuleChange.RoleSet(op));
    CompletableFuture<Long> key = store.appendEvent("lobby", "ann", "key", T0,
        new RuleChange.ModesSet(null, "k", null, null, null, null));
    CompletableFuture<Long> lock = store.appendEvent("lobby", "bob", "lock", T0,
        new RuleChange.ModesSet(null, null, null, true, null, null));
    StoredRules.Ban ban = new StoredRules.Ban("account:eve", "bob", "", T0, null);
    CompletableFuture<Long> banned = store.appendEvent("lobby", "bob", "ban", T0, new RuleChange.BanAdded(ban));
    CompletableFuture<Long> deop = store.appendEvent("lobby", "ann", "deop", T0, new RuleChange.RoleRemoved("bob"));
    assertThat(List.of(await(grant), await(key), await(lock), await(banned), await(deop)))
        .containsExactly(2L, 3L, 4L, 5L, 6L);
    RoomState state = await(store.openRoom("lobby", "Lobby", T0));
    assertThat(state.rules()).isEqualTo(new StoredRules(new StoredRules.Modes(false, "k", false, true, false, 0),
        List.of(owner), List.of(ban)));
    await(store.appendEvent("lobby", "bob", "unban", T0, new RuleChange.BanLifted("account:eve")));
    assertThat(await(store.openRoom("lobby", "Lobby", T0)).rules().bans()).isEmpty();
    assertThat(await(store.readAfter("lobby", 1, 10, ChatStore.Select.EVENTS))).extracting(StoredMessage::text)
        .containsExactly("grant", "key", "lock", "ban", "deop", "unban");
  }

  @Test
  void serverBansAreKeptInMaskOrderReplacedByMaskAndLiftedInCallOrder() throws Exception {
    assertThat(await(store.serverBans())).isEmpty();
    StoredRules.Ban eve = new StoredRules.Ban("account:eve", "root", "spam", T0, null);
    StoredRules.Ban net = new StoredRules.Ban("addr:203.0.113.0/24", "root", "", T0, T0.plusSeconds(60));
    StoredRules.Ban eveAgain = new StoredRules.Ban("account:eve", "admin2", "spam, again", T0.plusSeconds(1),
        T0.plusSeconds(3600));
    CompletableFuture<Void> first = store.changeServerBans(new RuleChange.BanAdded(net));
    CompletableFuture<Void> second = store.changeServerBans(new RuleChange.BanAdded(eve));
    CompletableFuture<Void> replaced = store.changeServerBans(new RuleChange.BanAdded(eveAgain));
    await(CompletableFuture.allOf(first, second, replaced));
    assertThat(await(store.serverBans())).containsExactly(eveAgain, net);
    await(store.changeServerBans(new RuleChange.BanLifted("account:eve")));
    await(store.changeServerBans(new RuleChange.BanLifted("account:nobody")));
    assertThat(await(store.serverBans())).containsExactly(net);
  }

  @Test
  void aNewServerBanDropsTheServerBansThatHadExpiredByThen() throws Exception {
    StoredRules.Ban brief = new StoredRules.Ban("account:a", "root", "", T0, T0.plusSeconds(60));
    StoredRules.Ban longer = new StoredRules.Ban("account:b", "root", "", T0, T0.plusSeconds(61));
    StoredRules.Ban forever = new StoredRules.Ban("account:c", "root", "", T0, null);
    for (StoredRules.Ban ban : List.of(brief, longer, forever)) {
      await(store.changeServerBans(new RuleChange.BanAdded(ban)));
    }
    StoredRules.Ban later = new StoredRules.Ban("account:d", "root", "", T0.plusSeconds(60), null);
    await(store.changeServerBans(new RuleChange.BanAdded(later)));
    assertThat(await(store.serverBans())).as("a ban ending at the new one's creation has expired")
        .containsExactly(longer, forever, later);
  }

  @Test
  void serverBansTakeOnlyBansAddedOrLifted() {
    assertThatThrownBy(() -> store.changeServerBans(new RuleChange.RoleRemoved("ann")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.changeServerBans(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aMessageKeepsItsTxn() throws Exception {
    await(store.openRoom("x", "x", T0));
    store.append("x", "ann", "retried", T0, "tx-1");
    await(store.append("x", "ann", "plain", T0));
    assertThat(await(store.readAfter("x", 0, 10))).extracting(StoredMessage::txn).containsExactly("tx-1", null);
    assertThat(await(store.readBefore("x", 2, 1, ChatStore.Select.EVENTS)).get(0))
        .isEqualTo(new StoredMessage(1, StoredMessage.Kind.MESSAGE, "ann", "retried", T0, "tx-1"));
  }

  @Test
  void aMessageKeepsItsActionFlag() throws Exception {
    await(store.openRoom("x", "x", T0));
    store.append("x", "ann", "waves", T0, null, true);
    store.append("x", "ann", "plain", T0, "tx-2", false);
    await(store.appendTopic("x", "t", "ann", T0));
    assertThat(await(store.readAfter("x", 0, 10, ChatStore.Select.EVENTS))).containsExactly(
        new StoredMessage(1, StoredMessage.Kind.MESSAGE, "ann", "waves", T0, null, true),
        new StoredMessage(2, StoredMessage.Kind.MESSAGE, "ann", "plain", T0, "tx-2", false),
        StoredMessage.topic(3, "ann", "t", T0));
    assertThat(await(store.readBefore("x", 2, 1)).get(0).action()).isTrue();
  }

  /** §12.9: a message is read back with the account its sender was logged in to; a guest's with none. */
  @Test
  void aMessageKeepsItsSendersAccount() throws Exception {
    await(store.openRoom("x", "x", T0));
    store.append("x", "ally", "alice", "from an account", T0, "tx-3", false);
    store.append("x", "bob", null, "from a guest", T0, null, true);
    await(store.appendTopic("x", "t", "ally", T0));
    assertThat(await(store.readAfter("x", 0, 10, ChatStore.Select.EVENTS))).containsExactly(
        new StoredMessage(1, StoredMessage.Kind.MESSAGE, "ally", "from an account", T0, "tx-3", false, "alice"),
        new StoredMessage(2, StoredMessage.Kind.MESSAGE, "bob", "from a guest", T0, null, true, null),
        StoredMessage.topic(3, "ally", "t", T0));
    assertThat(await(store.readBefore("x", 2, 1)).get(0).account()).isEqualTo("alice");
    assertThatThrownBy(() -> new StoredMessage(4, StoredMessage.Kind.TOPIC, "a", "t", T0, null, false, "alice"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeptDmKeepsItsSendersAccount() throws Exception {
    StoredDm fromAccount = new StoredDm("ally", "bob", "one", T0, "m1", "alice");
    StoredDm fromGuest = new StoredDm("carl", "bob", "two", T0, "m2");
    await(store.offlineDms().keep("bob", fromAccount, 10));
    await(store.offlineDms().keep("bob", fromGuest, 10));
    assertThat(await(store.offlineDms().take("bob")).dms()).containsExactly(fromAccount, fromGuest);
  }

  /** §18.5: a dm stream numbers each account's dms from 1 in one epoch, keeps the newest, and reads them back. */
  @Test
  void aDmStreamNumbersAnAccountsDmsAndKeepsTheNewest() throws Exception {
    DmStreamStore streams = store.dmStreams();
    DmStreamStore.Stream none = await(streams.read("bob"));
    assertThat(none.lastSeq()).isZero();
    assertThat(none.held()).isEmpty();
    List<DmStreamStore.Entry> appended = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      appended.add(await(streams.append("bob", new StoredDm("ally", "bob", "n" + i, T0, "m" + i, "alice"),
          i == 2 ? "tx-2" : null, 3)));
    }
    await(streams.append("carol", new StoredDm("bob", "carol", "other", T0, "m9"), null, 3));
    assertThat(appended).extracting(DmStreamStore.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    String epoch = appended.get(0).epoch();
    assertThat(appended).extracting(DmStreamStore.Entry::epoch).containsOnly(epoch);
    DmStreamStore.Stream bob = await(streams.read("bob"));
    assertThat(bob.epoch()).isEqualTo(epoch);
    assertThat(bob.lastSeq()).isEqualTo(5);
    assertThat(bob.firstHeld()).isEqualTo(3);
    assertThat(bob.held()).containsExactlyElementsOf(appended.subList(2, 5));
    DmStreamStore.Stream carol = await(streams.read("carol"));
    assertThat(carol.lastSeq()).as("each account numbers its own").isEqualTo(1);
    assertThat(carol.held().get(0).dm().account()).isNull();
    assertThatThrownBy(() -> streams.append("bob", appended.get(0).dm(), null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTopicChangeIsAppendedOnlyToAnOpenedRoom() {
    assertThatThrownBy(() -> store.appendTopic("ghost", "t", "ann", T0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> store.appendTopic("ghost", null, "ann", T0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void appendingToARoomNotOpenedIsACallerBug() {
    assertThatThrownBy(() -> store.append("ghost", "ann", "hi", T0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
  }

  @Test
  void badArgumentsThrowAtOnce() throws Exception {
    await(store.openRoom("r", "r", T0));
    assertThatThrownBy(() -> store.readAfter("r", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.readAfter("r", 0, ChatStore.MAX_READ + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.readBefore("r", -1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.openRoom("", "x", T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.append("r", null, "x", T0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void afterCloseEveryCallFailsAsUnavailable() throws Exception {
    await(store.openRoom("r", "r", T0));
    assertThat(store.notWritableBecause()).isEmpty();
    store.close();
    store.close();
    assertThat(store.notWritableBecause()).hasValue("store closed");
    assertUnavailable(store.append("r", "ann", "late", T0), StoreUnavailableException.Reason.CLOSED);
    assertUnavailable(store.appendTopic("r", "late", "ann", T0), StoreUnavailableException.Reason.CLOSED);
    assertUnavailable(store.readAfter("r", 0, 5), StoreUnavailableException.Reason.CLOSED);
    assertUnavailable(store.openRoom("r", "r", T0), StoreUnavailableException.Reason.CLOSED);
    assertUnavailable(store.serverBans(), StoreUnavailableException.Reason.CLOSED);
    assertUnavailable(store.changeServerBans(new RuleChange.BanLifted("account:eve")),
        StoreUnavailableException.Reason.CLOSED);
  }

  @Test
  void manyThreadsInManyRoomsGetEachSeqExactlyOnce() throws Exception {
    int rooms = 8;
    int perThread = 300;
    for (int r = 0; r < rooms; r++) {
      await(store.openRoom("room" + r, "room" + r, T0));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(rooms);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int r = 0; r < rooms; r++) {
        String key = "room" + r;
        done.add(CompletableFuture.runAsync(() -> {
          List<CompletableFuture<Void>> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            mine.add(store.append(key, "p", "x", T0).thenAccept(seq -> seen.add(key + "#" + seq)));
          }
          CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).join();
        }, pool));
      }
      await(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)));
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(rooms * perThread);
    for (int r = 0; r < rooms; r++) {
      assertThat(seen).contains("room" + r + "#1", "room" + r + "#" + perThread);
    }
  }

  /** Opens {@code key} and appends m1..mN from ann at T0 + i ms. */
  protected void appendN(String key, int n) throws Exception {
    await(store.openRoom(key, key, T0));
    CompletableFuture<Long> last = null;
    for (int i = 1; i <= n; i++) {
      last = store.append(key, "ann", "m" + i, T0.plusMillis(i));
    }
    assertThat(await(last)).isEqualTo(n);
  }

  protected static void assertUnavailable(
      CompletableFuture<?> future, StoreUnavailableException.Reason reason) {
    assertThatThrownBy(() -> await(future))
        .hasCauseInstanceOf(StoreUnavailableException.class)
        .cause().satisfies(e -> assertThat(((StoreUnavailableException) e).reason()).isEqualTo(reason));
  }

  // ---- accounts (docs/PROTOCOL.md §15) ----------------------------------------------------------

  protected static final String HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";

  @Test
  void anAccountIsCreatedOnceAndFoundByItsName() throws Exception {
    AccountStore accounts = store.accounts();
    assertThat(await(accounts.find("alice"))).isNull();
    StoredAccount alice = new StoredAccount("alice", "Alice", HASH, T0, null);
    assertThat(await(accounts.create(alice))).isTrue();
    assertThat(await(accounts.create(new StoredAccount("alice", "ALICE", "other", T0, null)))).isFalse();
    assertThat(await(accounts.find("alice"))).isEqualTo(alice);
  }

  @Test
  void aPasswordHashChangesOnlyFromTheHashItWasCheckedAgainst() throws Exception {
    AccountStore accounts = store.accounts();
    await(accounts.create(new StoredAccount("bob", "bob", HASH, T0, null)));
    assertThat(await(accounts.changePasswordHash("bob", "stale", "new-1"))).isFalse();
    assertThat(await(accounts.changePasswordHash("bob", HASH, "new-1"))).isTrue();
    assertThat(await(accounts.changePasswordHash("bob", HASH, "new-2"))).isFalse();
    assertThat(await(accounts.changePasswordHash("nobody", HASH, "new-2"))).isFalse();
    assertThat(await(accounts.find("bob")).passwordHash()).isEqualTo("new-1");
  }

  @Test
  void aLoginIsRecordedAsLastSeen() throws Exception {
    AccountStore accounts = store.accounts();
    await(accounts.create(new StoredAccount("carol", "carol", HASH, T0, null)));
    await(accounts.seen("carol", T0.plusSeconds(9)));
    await(accounts.seen("nobody", T0));
    assertThat(await(accounts.find("carol")).lastSeen()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void aClosedStoreRefusesAccountCalls() {
    store.close();
    assertThat(store.accounts().find("alice")).failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void theHashNeverShowsInToString() {
    assertThat(new StoredAccount("alice", "alice", HASH, T0, null).toString()).doesNotContain(HASH);
  }

  private static StoredDm dm(int n) {
    return new StoredDm("ann", "Bob", "note " + n, T0.plusSeconds(n), "m" + n);
  }

  @Test
  void offlineDmsAreTakenOnceOldestFirstAndOnlyForTheirAccount() throws Exception {
    OfflineDmStore offline = store.offlineDms();
    assertThat(await(offline.take("bob"))).isEqualTo(OfflineDms.NONE);
    for (int n = 1; n <= 3; n++) {
      await(offline.keep("bob", dm(n), 10));
    }
    await(offline.keep("carol", dm(9), 10));
    assertThat(await(offline.take("bob"))).isEqualTo(new OfflineDms(List.of(dm(1), dm(2), dm(3)), 0));
    assertThat(await(offline.take("bob"))).as("handed out once").isEqualTo(OfflineDms.NONE);
    assertThat(await(offline.take("carol")).dms()).containsExactly(dm(9));
  }

  @Test
  void pastTheBoundTheOldestOfflineDmsGoAndAreCounted() throws Exception {
    OfflineDmStore offline = store.offlineDms();
    for (int n = 1; n <= 5; n++) {
      await(offline.keep("bob", dm(n), 2));
    }
    assertThat(await(offline.take("bob"))).isEqualTo(new OfflineDms(List.of(dm(4), dm(5)), 3));
    await(offline.keep("bob", dm(6), 2));
    assertThat(await(offline.take("bob"))).as("the count starts again").isEqualTo(new OfflineDms(List.of(dm(6)), 0));
  }

  @Test
  void concurrentTakesHandEachOfflineDmToOneOfThem() throws Exception {
    OfflineDmStore offline = store.offlineDms();
    for (int n = 1; n <= 50; n++) {
      await(offline.keep("bob", dm(n), 100));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<OfflineDms>> takes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        takes.add(CompletableFuture.supplyAsync(() -> offline.take("bob"), pool).thenCompose(f -> f));
      }
      List<StoredDm> all = new ArrayList<>();
      for (CompletableFuture<OfflineDms> take : takes) {
        all.addAll(await(take).dms());
      }
      assertThat(all).hasSize(50).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }
}
