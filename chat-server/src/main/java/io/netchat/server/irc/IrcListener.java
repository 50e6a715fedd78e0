package io.netchat.server.irc;

/**
 * What every connection of one IRC listener shares: the command table, what the server tells
 * clients, and where its broadcasts are framed. Makes each connection's {@link IrcHandler}.
 */
public final class IrcListener {
  private final IrcCommands commands = IrcCommands.standard();
  private final IrcServerInfo info;
  private final int[] formatIndexes;

  /** @param formatIndexes the fanout format index of each tag combination ({@link IrcFormats#indexes}) */
  public IrcListener(IrcServerInfo info, int[] formatIndexes) {
    this.info = info;
    this.formatIndexes = formatIndexes.clone();
  }

  /** A translator for one new connection. */
  public IrcHandler newHandler() {
    return new IrcHandler(commands, info, formatIndexes);
  }
}
