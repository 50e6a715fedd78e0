package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IRC lines of the room events every member sees alike (a broadcast is rendered once per
 * combination of the capabilities that change its bytes, {@link Tags}), and of a message text to
 * one target. Stateless.
 */
public final class IrcRender {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private IrcRender() {}

  /**
   * Which message tags a recipient takes: {@code time} ({@code server-time}) and {@code msgid}
   * ({@code message-tags}). Each combination is one wire format.
   */
  public record Tags(boolean time, boolean msgid) {
    public static final Tags NONE = new Tags(false, false);

    /** The four combinations, {@link #index()} order. */
    public static final List<Tags> ALL = List.of(NONE, new Tags(true, false), new Tags(false, true), new Tags(true, true));

    /** 0 to 3: none, time, msgid, both. */
    public int index() {
      return (time ? 1 : 0) + (msgid ? 2 : 0);
    }
  }

  /**
   * The lines of a room event, or none for an event IRC shows differently or not at all (mode,
   * role and ban events: the MODE lines of a later listener version).
   *
   * @param server the server's name, the source of lines without a user
   */
  public static List<IrcMessage> broadcast(ServerMessage message, Tags tags, String server) {
    if (message instanceof ServerMessage.Message m) {
      return text(IrcNames.mask(m.from()), "PRIVMSG", IrcNames.channel(m.room()), m.text(), m.hasAction(),
          tags.time() ? m.ts() : null, tags.msgid() ? m.msgid() : null);
    }
    if (message instanceof ServerMessage.Presence p) {
      String source = IrcNames.mask(p.nick());
      return switch (p.event()) {
        case ServerMessage.Presence.JOIN -> List.of(IrcMessage.of(source, "JOIN", IrcNames.channel(p.room())));
        case ServerMessage.Presence.LEAVE -> List.of(IrcMessage.of(source, "PART", IrcNames.channel(p.room())));
        case ServerMessage.Presence.QUIT -> List.of(IrcMessage.of(source, "QUIT",
            p.reason() == null ? "Quit" : "Quit: " + p.reason()));
        case ServerMessage.Presence.NICK -> List.of(IrcMessage.of(source, "NICK", p.newNick()));
        default -> List.of();
      };
    }
    if (message instanceof ServerMessage.Topic t) {
      return List.of(IrcMessage.of(t.by() == null ? server : IrcNames.mask(t.by()), "TOPIC",
          IrcNames.channel(t.room()), t.text()));
    }
    if (message instanceof ServerMessage.Kick k) {
      return List.of(IrcMessage.of(k.by() == null ? server : IrcNames.mask(k.by()), "KICK",
          IrcNames.channel(k.room()), k.nick(), k.reason() == null ? k.by() == null ? k.nick() : k.by() : k.reason()));
    }
    return List.of();
  }

  /**
   * A text from {@code source} to {@code target} as {@code command} lines (PRIVMSG or NOTICE), cut
   * by {@link IrcText#out}; every line carries {@code time} when given, the first one alone
   * {@code msgid}.
   */
  public static List<IrcMessage> text(String source, String command, String target, String text, boolean action,
      Instant time, String msgid) {
    int fixed = 1 + source.length() + 1 + command.length() + 1 + IrcMessage.utf8Length(target, 0, target.length())
        + 2 + 2;
    List<String> pieces = IrcText.out(text, action, IrcMessage.MAX_LINE - fixed);
    List<IrcMessage> lines = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      Map<String, String> lineTags = new LinkedHashMap<>(2);
      if (msgid != null && i == 0) {
        lineTags.put("msgid", msgid);
      }
      if (time != null) {
        lineTags.put("time", TIME.format(time));
      }
      lines.add(new IrcMessage(lineTags, source, command, List.of(target, pieces.get(i))));
    }
    return lines;
  }

  /** A {@code time} tag value. */
  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
