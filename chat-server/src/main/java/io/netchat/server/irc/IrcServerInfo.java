package io.netchat.server.irc;

import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What an IRC connection tells its client about the server: names, the limits it enforces (for
 * {@code RPL_ISUPPORT}), the message of the day and the live counts of {@code LUSERS}.
 *
 * @param server the server's name, source of every numeric
 * @param network the network's name ({@code NETWORK})
 * @param version the software version ({@code 002}, {@code 004})
 * @param created when the server started ({@code 003})
 * @param maxTextLength longest text netchat takes ({@code TOPICLEN}; longer texts are refused)
 * @param maxRoomsPerSession rooms a session may be in ({@code CHANLIMIT})
 * @param motd the lines of the message of the day; empty: {@code 422}
 * @param users connections logged in now ({@code 251}, {@code 255})
 * @param channels rooms open now ({@code 254})
 * @param helloTimeoutMillis time to complete registration
 */
public record IrcServerInfo(String server, String network, String version, Instant created, int maxTextLength,
    int maxRoomsPerSession, List<String> motd, IntSupplier users, IntSupplier channels, long helloTimeoutMillis) {
  /** Longest nick netchat takes (PROTOCOL §5). */
  public static final int NICKLEN = 32;
  /** Longest channel name: {@code #} and a room name of at most 64 characters. */
  public static final int CHANNELLEN = 65;
  /** Most targets of one PRIVMSG or NOTICE. */
  public static final int MAXTARGETS = 4;

  public IrcServerInfo {
    motd = List.copyOf(motd);
  }

  /** The {@code RPL_ISUPPORT} tokens: each states a rule the server enforces. */
  List<String> isupport() {
    return List.of("CASEMAPPING=ascii", "CHANLIMIT=#:" + maxRoomsPerSession,
        "CHANMODES=b,k,l,imst", "CHANNELLEN=" + CHANNELLEN, "CHANTYPES=#",
        "MAXTARGETS=" + MAXTARGETS, "NETWORK=" + network, "NICKLEN=" + NICKLEN, "PREFIX=(ov)@+",
        "TARGMAX=JOIN:,PART:,KICK:1,NAMES:1,NOTICE:" + MAXTARGETS + ",PRIVMSG:" + MAXTARGETS,
        "TOPICLEN=" + maxTextLength);
  }
}
