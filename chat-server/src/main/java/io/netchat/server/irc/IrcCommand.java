package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;

/** How the listener answers one IRC command; registered in {@link IrcCommands}. Event loop only. */
@FunctionalInterface
public interface IrcCommand {

  /** Carries out {@code line}, which has at least the parameters its table entry asks for. */
  void handle(IrcConnection irc, IrcMessage line);
}
