package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.Capability;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Validation;
import io.netchat.server.room.BanMask;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server administration commands of contract 1.1 §17.6: close a session, ban an account or
 * an address server-wide, lift such a ban, send a notice to every session, take over a room whose
 * owner is gone. Only sessions logged in to an account named in {@code admins} may; anyone else
 * gets {@code forbidden}. Every action is logged at {@code warn} with who, what and why.
 */
final class AdminCommands {
  private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);

  private final ServerContext context;
  private final LongSupplier closeGraceMillis;

  AdminCommands(ServerContext context, LongSupplier closeGraceMillis) {
    this.context = context;
    this.closeGraceMillis = closeGraceMillis;
  }

  /** Whether {@code command} is an admin command. */
  boolean handles(ClientMessage command) {
    return command instanceof ClientMessage.AdminClose || command instanceof ClientMessage.AdminBan
        || command instanceof ClientMessage.AdminUnban || command instanceof ClientMessage.AdminNotice
        || command instanceof ClientMessage.AdminTakeover;
  }

  /** Carries out an admin command of {@code session}, or refuses it with {@code forbidden}. */
  void handle(Session session, ClientMessage command) {
    if (!context.config().isAdmin(session.account())) {
      throw CommandDispatcher.error(ErrorCode.FORBIDDEN, ClientMessage.typeName(command)
          + " is for the server's admins (accounts listed in 'admins')");
    }
    String admin = session.account();
    int maxText = context.config().limits().maxTextLength();
    if (command instanceof ClientMessage.AdminClose close) {
      Validation.checkLength("reason", close.reason(), maxText);
      closeSession(session, admin, close);
    } else if (command instanceof ClientMessage.AdminBan ban) {
      Validation.checkLength("reason", ban.reason(), maxText);
      ban(session, admin, ban);
    } else if (command instanceof ClientMessage.AdminUnban unban) {
      BanMask mask = mask(unban.mask());
      ServerBans.Change lifted = context.bans().remove(mask);
      if (!lifted.done()) {
        throw CommandDispatcher.error(ErrorCode.BAD_REQUEST, "no server-wide ban of '" + mask.text() + "'");
      }
      log.warn("admin {} lifted the server-wide ban of {}", admin, mask.text());
      okOnceKept(session, unban, lifted);
    } else if (command instanceof ClientMessage.AdminNotice notice) {
      Validation.checkLength("text", notice.text(), maxText);
      log.warn("admin {} sent a notice to every session: {}", admin, notice.text());
      for (Session each : context.sessions()) {
        if (each.nick() != null) {
          each.send(each.takes(Capability.EVENTS) ? new ServerMessage.Notice(notice.text(), admin)
              : new ServerMessage.Dm(context.config().serverName(), each.nick(), notice.text(), now()));
        }
      }
      ok(session, notice.id());
    } else if (command instanceof ClientMessage.AdminTakeover takeover) {
      log.warn("admin {} takes over room {} (refused while its owner is in it)", admin, takeover.room());
      context.rooms().takeOverAsAdmin(session, takeover.room(), takeover.id());
    }
  }

  private void closeSession(Session session, String admin, ClientMessage.AdminClose close) {
    Session target = context.users().find(close.nick());
    if (target == null) {
      throw CommandDispatcher.error(ErrorCode.NO_SUCH_USER, "no user '" + close.nick() + "'");
    }
    String reason = close.reason() == null ? "closed by an administrator" : close.reason();
    log.warn("admin {} closed the session of {} ({}): {}", admin, target.nick(), target.remoteHost(), reason);
    target.close(ServerMessage.Bye.of(ByeCode.CLOSED_BY_ADMIN, reason), closeGraceMillis.getAsLong());
    ok(session, close.id());
  }

  private void ban(Session session, String admin, ClientMessage.AdminBan command) {
    BanMask mask = mask(command.mask());
    if (mask.kind() == BanMask.Kind.NICK) {
      throw CommandDispatcher.error(ErrorCode.BAD_REQUEST, "a server-wide ban names an account (account:NAME) or an"
          + " address (addr:IP[/BITS]), not a nick");
    }
    Instant now = now();
    String reason = command.reason() == null ? "" : command.reason();
    ServerBans.Ban ban = new ServerBans.Ban(mask, admin, reason,
        command.durationS() == null ? null : now.plusSeconds(command.durationS()), now);
    ServerBans.Change added = context.bans().add(ban, now);
    if (!added.done()) {
      throw CommandDispatcher.error(ErrorCode.LIMIT_REACHED, "the server holds its maximum of " + ServerBans.MAX_BANS
          + " bans; lift one first");
    }
    log.warn("admin {} banned {} from the server {}: {}", admin, mask.text(),
        command.durationS() == null ? "until lifted" : "for " + command.durationS() + " s", reason);
    String why = "you are banned from this server" + (reason.isEmpty() ? "" : ": " + reason);
    for (Session each : context.sessions()) {
      if (each != session && each.nick() != null && mask.matches(each.nick(), each.account(), each.remoteHost())) {
        log.warn("admin {}'s ban of {} closes the session of {} ({})", admin, mask.text(), each.nick(),
            each.remoteHost());
        each.close(ServerMessage.Bye.of(ByeCode.BANNED, why), closeGraceMillis.getAsLong());
      }
    }
    okOnceKept(session, command, added);
  }

  /**
   * Answers {@code ok} once the store has kept {@code change} (the session's later commands wait);
   * {@code unavailable} when it could not: the change is in force until a restart, and the same
   * command may be sent again.
   */
  private static void okOnceKept(Session session, ClientMessage command, ServerBans.Change change) {
    Awaited.then(session, command, change.kept(), kept -> {
      if (!kept) {
        throw new ChatCodecException(ErrorCode.UNAVAILABLE,
            "in force, but the store could not keep it: a restart would undo it; try again");
      }
      ok(session, command.id());
    });
  }

  private static BanMask mask(String text) {
    try {
      return BanMask.parse(text);
    } catch (IllegalArgumentException bad) {
      throw CommandDispatcher.error(ErrorCode.BAD_REQUEST, bad.getMessage());
    }
  }

  private Instant now() {
    return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void ok(Session session, String id) {
    if (id != null) {
      session.answer(new ServerMessage.Ok(id));
    }
  }
}
