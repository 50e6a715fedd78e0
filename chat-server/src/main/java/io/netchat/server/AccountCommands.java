package io.netchat.server;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;

/**
 * {@code register} and {@code passwd} (docs/PROTOCOL.md §15), on the session's loop. The hashing
 * and the store's answer happen elsewhere ({@link io.netchat.server.auth.Accounts}); the session's
 * later commands wait for this one's answer ({@link Awaited}).
 */
final class AccountCommands {
  private final ServerContext context;

  AccountCommands(ServerContext context) {
    this.context = context;
  }

  /** Makes the guest's nick an account: {@code ok}, after which the session is logged in to it. */
  void register(Session session, ClientMessage.Register register) {
    if (session.account() != null) {
      throw new ChatCodecException(ErrorCode.ALREADY_LOGGED_IN,
          "this session is logged in to the account '" + session.account() + "' already");
    }
    String nick = session.nick();
    Awaited.then(session, register, context.accounts().register(nick, register.password()), account -> {
      session.account(account.name());
      // the account is new: this is its first session, which no bound refuses
      context.users().joinAccount(session.account(), session, Integer.MAX_VALUE);
      ok(session, register.id());
    });
  }

  /** Changes the password of the session's account: {@code ok}, or {@code bad_credentials} when the old one is wrong. */
  void passwd(Session session, ClientMessage.Passwd passwd) {
    String account = session.account();
    if (account == null) {
      throw new ChatCodecException(ErrorCode.NOT_LOGGED_IN,
          "passwd needs an account: register, or log in with hello{nick, password}");
    }
    Awaited.then(session, passwd, context.accounts().changePassword(account, passwd.oldPassword(),
        passwd.newPassword(), session.remoteHost()), done -> ok(session, passwd.id()));
  }

  private static void ok(Session session, String id) {
    if (id != null) {
      session.answer(new ServerMessage.Ok(id));
    }
  }
}
