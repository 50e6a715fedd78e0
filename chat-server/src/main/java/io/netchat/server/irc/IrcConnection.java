package io.netchat.server.irc;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.TranslatedCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One IRC client's side of its session: what registration has gathered so far, the capabilities
 * it negotiated, the channels it is in and the netchat commands sent for it and not yet answered
 * (so that an answer becomes the numeric of the IRC command it came from). Command classes act
 * through it. Event loop only, but for {@link #nick()}, which a room reads when it renders an
 * answer framed ahead of time.
 */
public final class IrcConnection {
  /** Netchat commands awaiting an answer at most; an older entry is forgotten (its answer then gets a generic rendering). */
  static final int MAX_PENDING = 256;
  /** Channels tracked for {@code JOIN 0}, at most. */
  static final int MAX_CHANNELS = 1024;

  /**
   * An IRC command turned into a netchat one and not answered yet.
   *
   * @param verb the IRC command, e.g. {@code PRIVMSG}
   * @param target the channel or nick it named
   * @param text what it said (a PART reason, a message to echo), or null
   * @param silent whether a refusal is answered with nothing (NOTICE, JOIN 0)
   */
  record Pending(String verb, String target, String text, boolean silent) {}

  private final IrcServerInfo info;
  private final int[] formatIndexes;
  private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
      return size() > MAX_PENDING;
    }
  };
  private final Set<String> channels = new LinkedHashSet<>();
  private final Set<String> caps = new LinkedHashSet<>();
  private TranslatedCommand.Sink sink;
  /** The connection's event loop, where {@link #moreNames} hands its work; set when the connection opens. */
  private volatile Executor loop;
  private long nextId;
  private volatile String nick;
  private String requestedNick;
  private String user;
  private String password;
  private boolean capNegotiating;
  private int capVersion;
  private boolean helloSent;
  private boolean loggedIn;
  private boolean registered;
  private Sasl sasl = Sasl.NONE;
  private final StringBuilder saslBuffer = new StringBuilder();

  /** Where SASL stands. */
  enum Sasl { NONE, STARTED, CHECKING, DONE }

  /**
   * @param formatIndexes the fanout format of each {@link IrcRender.Tags} combination, by its index
   */
  IrcConnection(IrcServerInfo info, int[] formatIndexes) {
    this.info = info;
    this.formatIndexes = formatIndexes.clone();
  }

  IrcServerInfo info() {
    return info;
  }

  void loop(Executor connectionLoop) {
    loop = connectionLoop;
  }

  /**
   * The names of {@code room} go on after {@code after}: asks netchat for the next page (any
   * thread; the request runs on the connection's loop, outside flood control: the client asked
   * once).
   */
  void moreNames(String room, String after) {
    Executor target = loop;
    if (target == null) {
      return;
    }
    try {
      target.execute(() -> {
        if (sink != null) {
          dispatch(new Pending("NAMES", IrcNames.channel(room), null, false),
              id -> new ClientMessage.Who(id, room, after, null));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the connection's loop is shutting down: nothing left to list
    }
  }

  /** The nick numerics are addressed to: the registered one, or {@code *} before. Any thread. */
  public String nick() {
    String current = nick;
    return current == null ? "*" : current;
  }

  /** Runs {@code line} through the table with {@code through} as the session (event loop). */
  void run(IrcCommands table, IrcMessage line, TranslatedCommand.Sink through) {
    if (sink == null) {
      sink = through;
      capsChanged(); // an IRC client gets its own messages back only with echo-message
    }
    this.sink = through;
    IrcCommands.Entry entry = table.find(line.command());
    if (entry == null) {
      reply(IrcNumeric.ERR_UNKNOWNCOMMAND, line.command(), "Unknown command");
    } else if (!registered && !entry.beforeRegistration()) {
      reply(IrcNumeric.ERR_NOTREGISTERED, "You have not registered");
    } else if (line.params().size() < entry.minParams()) {
      reply(IrcNumeric.ERR_NEEDMOREPARAMS, line.command(), "Not enough parameters");
    } else {
      entry.command().handle(this, line);
    }
  }

  // --- sending

  /** Sends the numeric {@code numeric} to the client: {@code :server numeric nick params…}. */
  public void reply(String numeric, String... params) {
    send(numericLine(numeric, params));
  }

  IrcMessage numericLine(String numeric, String... params) {
    List<String> all = new ArrayList<>(params.length + 1);
    all.add(nick());
    Collections.addAll(all, params);
    return new IrcMessage(Map.of(), info.server(), numeric, all);
  }

  /** Sends {@code line} after the answers to the client's earlier commands. */
  public void send(IrcMessage line) {
    sink.answer(line);
  }

  /** Runs {@code command} (built by {@code build} from a fresh id) for the IRC command {@code why}. */
  public void dispatch(Pending why, Function<String, ClientMessage> build) {
    String id = "i" + (++nextId);
    ClientMessage command;
    try {
      command = build.apply(id);
    } catch (ChatCodecException refused) { // what netchat's contract refuses: answered as netchat would
      for (IrcMessage line : IrcAnswers.error(ServerMessage.Error.of(refused), why, nick(), info.server())) {
        send(line);
      }
      return;
    }
    pending.put(id, why);
    sink.dispatch(command);
  }

  /** The IRC command whose netchat command had id {@code re}; forgotten once answered ({@code done}). */
  Pending pending(String re, boolean done) {
    if (re == null) {
      return null;
    }
    return done ? pending.remove(re) : pending.get(re);
  }

  // --- registration

  boolean registered() {
    return registered;
  }

  void requestNick(String wanted) {
    requestedNick = wanted;
  }

  String requestedNick() {
    return requestedNick;
  }

  void user(String name) {
    user = name;
  }

  boolean hasUser() {
    return user != null;
  }

  void password(String pass) {
    password = pass;
  }

  void capNegotiating(boolean open) {
    capNegotiating = open;
  }

  void capVersion(int version) {
    capVersion = Math.max(capVersion, version);
  }

  int capVersion() {
    return capVersion;
  }

  Set<String> caps() {
    return caps;
  }

  boolean has(String cap) {
    return caps.contains(cap);
  }

  /** The caps changed: broadcasts from now on in the format of the tags taken, echoed or not. */
  void capsChanged() {
    IrcRender.Tags tags = tags();
    sink.deliverAs(formatIndexes[tags.index()], caps.contains(IrcCaps.ECHO_MESSAGE));
  }

  /** The message tags this client takes. */
  IrcRender.Tags tags() {
    return new IrcRender.Tags(caps.contains(IrcCaps.SERVER_TIME), caps.contains(IrcCaps.MESSAGE_TAGS));
  }

  Sasl sasl() {
    return sasl;
  }

  void sasl(Sasl state) {
    sasl = state;
  }

  StringBuilder saslBuffer() {
    return saslBuffer;
  }

  boolean loggedIn() {
    return loggedIn;
  }

  /**
   * Registration may end: with a nick, a user and CAP negotiation closed, an IRC client that is
   * not logged in yet sends netchat its {@code hello}; one that is (SASL) is welcomed.
   */
  void tryRegister() {
    if (registered || capNegotiating || requestedNick == null || user == null || sasl == Sasl.CHECKING) {
      return;
    }
    if (loggedIn) {
      welcome();
    } else if (!helloSent) {
      helloSent = true;
      dispatch(new Pending("NICK", requestedNick, null, false), id -> new ClientMessage.Hello(id, requestedNick, 1,
          "irc", IrcCaps.NETCHAT_CAPS, null, password, null));
    }
  }

  /** Sends the hello that SASL PLAIN checks the account with. */
  void saslHello(String account, String secret) {
    sasl = Sasl.CHECKING;
    helloSent = true;
    dispatch(new Pending("AUTHENTICATE", account, null, false), id -> ClientMessage.Hello.withPassword(id, account,
        secret, "irc", IrcCaps.NETCHAT_CAPS));
  }

  /** Netchat welcomed the session as {@code welcomed}. */
  void loggedIn(String welcomed) {
    loggedIn = true;
    nick = welcomed;
  }

  /** Netchat refused the hello: registration may try again (another NICK, another SASL attempt). */
  void helloRefused() {
    helloSent = false;
  }

  /** Registration is complete: {@code 001} to {@code 005}, LUSERS and the MOTD follow. */
  private void welcome() {
    registered = true;
    for (IrcMessage line : IrcWelcome.burst(this)) {
      send(line);
    }
  }

  // --- channels

  void joined(String channel) {
    if (channels.size() < MAX_CHANNELS) {
      channels.add(channel);
    }
  }

  void parted(String channel) {
    channels.remove(channel);
  }

  List<String> channels() {
    return List.copyOf(channels);
  }
}
