package io.netchat.server;

import io.netchat.store.ChatStore;
import io.netchat.store.MemoryStore;
import io.netchat.store.RoomState;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * A durable store whose writes and reads wait until the test lets them through, in call order:
 * a {@link MemoryStore} underneath keeps the data, and every {@code append}, {@code appendTopic} and
 * read is answered only by {@link #commitNext}/{@link #readNext}, or refused by
 * {@link #failNext}. Rooms open at once unless {@link #holdOpens} holds them too.
 * {@link #newEpoch} plays a store that lost acknowledged events. Used on the test thread only
 * (with embedded channels).
 */
final class ManualStore implements ChatStore {
  private final MemoryStore data = new MemoryStore(StoreConfig.Durability.COMMIT, StoreConfig.DEFAULT_RETENTION);
  private final HeldCalls writes = new HeldCalls().hold();
  private final HeldCalls reads = new HeldCalls().hold();
  private final HeldCalls opens = new HeldCalls();
  private ObjLongConsumer<String> newEpochs = (key, epoch) -> { };

  @Override
  public CompletableFuture<RoomState> openRoom(String key, String name, Instant created) {
    return opens.call(() -> data.openRoom(key, name, created));
  }

  /** From now on a room opens only when the test lets it: {@link #openNext}, {@link #failNextOpen}. */
  void holdOpens() {
    opens.hold();
  }

  /** Opens the room of the oldest waiting {@code openRoom}. */
  void openNext() {
    opens.letNext();
  }

  /** Refuses the oldest waiting {@code openRoom} as a failing disk would. */
  void failNextOpen(StoreUnavailableException.Reason reason) {
    opens.failNext(reason);
  }

  /** Accounts answer at once, from the heap: the rooms are what these tests hold back. */
  @Override
  public io.netchat.store.AccountStore accounts() {
    return data.accounts();
  }

  @Override
  public io.netchat.store.OfflineDmStore offlineDms() {
    return data.offlineDms();
  }

  @Override
  public io.netchat.store.DmStreamStore dmStreams() {
    return data.dmStreams();
  }

  @Override
  public CompletableFuture<Long> append(String key, String from, String account, String text, Instant ts,
      String txn,
      boolean action) {
    return write(() -> data.append(key, from, account, text, ts, txn, action));
  }

  @Override
  public CompletableFuture<Long> appendTopic(String key, String topic, String by, Instant ts) {
    return write(() -> data.appendTopic(key, topic, by, ts));
  }

  @Override
  public CompletableFuture<Long> appendEvent(String key, String by, String text, Instant ts,
      io.netchat.store.RuleChange change) {
    return write(() -> data.appendEvent(key, by, text, ts, change));
  }

  @Override
  public CompletableFuture<Void> changeRules(String key, io.netchat.store.RuleChange change) {
    return data.changeRules(key, change); // no event to hold back: applied at once
  }

  /** Server-wide bans answer at once, from the heap, as accounts do. */
  @Override
  public CompletableFuture<java.util.List<io.netchat.store.StoredRules.Ban>> serverBans() {
    return data.serverBans();
  }

  @Override
  public CompletableFuture<Void> changeServerBans(io.netchat.store.RuleChange change) {
    return data.changeServerBans(change);
  }

  private CompletableFuture<Long> write(Supplier<CompletableFuture<Long>> write) {
    return writes.call(write);
  }

  /** Appends {@code count} messages straight to the data, as an earlier process would have. */
  void preload(String key, String name, int count) {
    data.openRoom(key, name, Instant.EPOCH).join();
    for (int i = 1; i <= count; i++) {
      data.append(key, "old", "stored " + i, Instant.EPOCH).join();
    }
  }

  /** Appends a topic change straight to the data, as an earlier process would have. */
  void preloadTopic(String key, String topic, String by) {
    data.appendTopic(key, topic, by, Instant.EPOCH).join();
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit, Select select) {
    return read(() -> data.readAfter(key, afterSeq, limit, select));
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit, Select select) {
    return read(() -> data.readBefore(key, beforeSeq, limit, select));
  }

  private CompletableFuture<List<StoredMessage>> read(Supplier<CompletableFuture<List<StoredMessage>>> read) {
    return reads.call(read);
  }

  /** Commits the oldest waiting write; its future completes now. */
  void commitNext() {
    writes.letNext();
  }

  /** Refuses the oldest waiting write as a failing disk would. */
  void failNext(StoreUnavailableException.Reason reason) {
    writes.failNext(reason);
  }

  @Override
  public Optional<String> notWritableBecause() {
    return data.notWritableBecause();
  }

  @Override
  public void onNewEpoch(ObjLongConsumer<String> listener) {
    newEpochs = listener;
  }

  /** Tells the listener that room {@code key} has the new epoch {@code epoch}, as a store that lost events does. */
  void newEpoch(String key, long epoch) {
    newEpochs.accept(key, epoch);
  }

  /** Answers the oldest waiting read. */
  void readNext() {
    reads.letNext();
  }

  int waitingWrites() {
    return writes.waiting();
  }

  int waitingReads() {
    return reads.waiting();
  }

  @Override
  public StoreConfig.Durability durability() {
    return StoreConfig.Durability.COMMIT;
  }

  @Override
  public void close() {
    data.close();
  }
}
