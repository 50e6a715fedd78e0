package io.netchat.server.irc;

/**
 * What every connection of one IRC listener shares: the command table, what the server tells
 * clients, and where its broadcasts are framed. Makes each connection's {@link IrcHandler}.
 */
public final class IrcListener {
  private final IrcCommands commands = IrcCommands.standard();
  private final IrcServerInfo info;
  private final int[] formatIndexes;
  private final int maxFrameLength;

  /**
   * @param formatIndexes the fanout format index of each tag combination ({@link IrcFormats#indexes})
   * @param maxFrameLength the longest answer framed ahead of time
   */
  public IrcListener(IrcServerInfo info, int[] formatIndexes, int maxFrameLength) {
    this.info = info;
    this.formatIndexes = formatIndexes.clone();
    this.maxFrameLength = maxFrameLength;
  }

  /** A translator for one new connection. */
  public IrcHandler newHandler() {
    return new IrcHandler(commands, info, formatIndexes, maxFrameLength);
  }
}
