package io.netchat.server;

import io.netchat.codec.ServerMessage;
import io.netchat.server.room.Names;
import io.netchat.store.OfflineDmStore;
import io.netchat.store.OfflineDms;
import io.netchat.store.StoredDm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline dms (docs/PROTOCOL.md §18): a dm to a registered account with no session is kept in the
 * store, at most {@code max_offline_dms_per_account} of them (the oldest go first), and handed to
 * the account's next login, oldest first, marked {@code stored: true}, after a {@code gap{dms}}
 * when some were dropped. The store's take removes what it returns in the same step, so each
 * kept dm is delivered once, whichever of several logins at once asks first.
 */
final class DmMailbox {
  private static final Logger log = LoggerFactory.getLogger(DmMailbox.class);

  private final OfflineDmStore store;
  private final IntSupplier maxPerAccount;
  private final UserRegistry users;

  DmMailbox(OfflineDmStore store, IntSupplier maxPerAccount, UserRegistry users) {
    this.store = store;
    this.maxPerAccount = maxPerAccount;
    this.users = users;
  }

  /** Keeps {@code dm} for the account {@code to}; completes once the store has it. */
  CompletableFuture<Void> keep(String to, ServerMessage.Dm dm) {
    return store.keep(Names.key(to), new StoredDm(dm.from(), dm.to(), dm.text(), dm.ts(), dm.msgid(), dm.account()),
        maxPerAccount.getAsInt());
  }

  /**
   * Hands what is kept for {@code nick}'s account to its first logged-in session, if it has one
   * now: after a login, and after a keep that may have crossed one (the login's own take ran
   * before the dm was kept). Any thread.
   */
  void deliver(String nick) {
    List<Session> online = users.sessions(nick);
    Session first = online.stream().filter(s -> s.account() != null && s.nick() != null).findFirst().orElse(null);
    if (first == null) {
      return;
    }
    store.take(first.account()).whenComplete((kept, failure) -> {
      if (failure != null) {
        log.warn("the dms kept for {} could not be read (they stay for the next login): {}", first.account(),
            failure.toString());
      } else if (!kept.isEmpty()) {
        handOver(first, kept);
      }
    });
  }

  /** Sends {@code kept} to {@code session} on its loop, or keeps them again if it closed meanwhile. */
  private void handOver(Session session, OfflineDms kept) {
    try {
      session.loop().execute(() -> {
        if (!session.channel().isActive() || session.isClosing()) {
          keepAgain(session.account(), session.nick(), kept);
          return;
        }
        if (kept.dropped() > 0 && session.negotiated()) {
          session.write(ServerMessage.Gap.ofDms(1, kept.dropped()));
        }
        for (StoredDm dm : kept.dms()) {
          session.write(new ServerMessage.Dm(dm.from(), dm.to(), dm.text(), dm.ts(), dm.msgid(), null,
              session.negotiated() ? true : null, dm.account(), null, null));
        }
      });
    } catch (RejectedExecutionException shutDown) {
      keepAgain(session.account(), session.nick(), kept);
    }
  }

  /**
   * The session that took {@code kept} closed before they were sent: they are kept again for the
   * next login (or another session now), oldest first; the count of earlier drops is not.
   */
  private void keepAgain(String account, String nick, OfflineDms kept) {
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (StoredDm dm : kept.dms()) {
      all = all.thenCompose(done -> store.keep(account, dm, maxPerAccount.getAsInt()));
    }
    all.whenComplete((done, failure) -> {
      if (failure != null) {
        log.warn("{} dms kept for {} were lost: its session closed while they were handed over and the store"
            + " refused them again: {}", kept.dms().size(), account, failure.toString());
      } else if (nick != null) {
        deliver(nick);
      }
    });
  }
}
