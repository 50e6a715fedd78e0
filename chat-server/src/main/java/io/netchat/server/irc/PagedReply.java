package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;

/**
 * The reply of an IRC list built from a paged netchat list (members, rooms, bans; PROTOCOL §5
 * "Lists"): each framed page becomes rows, its {@code next} cursor is kept until the page's
 * {@code ok} arrives, which asks for the next page, until {@code maxPages} pages or the last; then
 * the end numeric. The cursor is written on whichever loop frames the page and read on the
 * session's, after it: volatile.
 */
abstract class PagedReply implements IrcReply {
  private final String verb;
  private final String target;
  private final int maxPages;
  private volatile String next;
  private int pages;

  /**
   * @param verb the IRC command, and {@code target} the channel or mask it named
   * @param maxPages most pages read for one command
   */
  PagedReply(String verb, String target, int maxPages) {
    this.verb = verb;
    this.target = target;
    this.maxPages = maxPages;
  }

  /** Sends the first page's command. */
  final void start(IrcConnection irc) {
    irc.dispatch(new IrcConnection.Pending(verb, target, null, false, this), id -> page(id, null));
  }

  /** The netchat command of the page after {@code after} (null: the first). */
  abstract ClientMessage page(String id, String after);

  /** The rows of one page, or null when {@code answer} is not one. Any thread. */
  abstract List<IrcMessage> rows(ServerMessage answer, String nick, String server);

  /** The cursor of the page {@code answer}. */
  abstract String cursor(ServerMessage answer);

  /** The lines that end the list. */
  abstract List<IrcMessage> end(IrcConnection irc);

  @Override
  public final List<IrcMessage> framed(ServerMessage answer, String nick, String server) {
    List<IrcMessage> rows = rows(answer, nick, server);
    if (rows != null) {
      next = cursor(answer);
    }
    return rows;
  }

  @Override
  public final List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
    String after = next;
    next = null;
    if (after != null && ++pages < maxPages) {
      irc.dispatch(new IrcConnection.Pending(verb, target, null, false, this), id -> page(id, after));
      return List.of();
    }
    return end(irc);
  }
}
