package io.netchat.codec;

import java.util.regex.Pattern;

/**
 * The naming and size rules of the wire contract. Message records call these from their
 * constructors, so an invalid message cannot be built on either side.
 */
public final class Validation {
  /**
   * Largest integer on the wire, 2^53 − 1: every number a JSON client in a browser can hold
   * exactly. {@code seq} values and positions above it are refused.
   */
  public static final long MAX_WIRE_INTEGER = (1L << 53) - 1;
  /** Longest {@code id} a command may carry. */
  public static final int MAX_ID_LENGTH = 64;
  /** Longest list cursor ({@code after}, {@code next}) on the wire. */
  public static final int MAX_CURSOR_LENGTH = 128;
  /** Longest token a client chooses or echoes ({@code txn}, {@code epoch}), in chars. */
  public static final int MAX_TOKEN_LENGTH = 64;
  /** Longest {@code hello{client}} (a client's name and version). */
  public static final int MAX_CLIENT_LENGTH = 64;
  /** Longest {@code hello{resume}}; the server's secrets are 22 chars. */
  public static final int MAX_RESUME_LENGTH = 128;
  /**
   * Longest password on the wire, in chars (§15): enough for any passphrase, short enough that
   * hashing one costs what hashing any other does.
   */
  public static final int MAX_PASSWORD_LENGTH = 256;
  /** Longest ban mask ({@code ban{mask}}, §17). */
  public static final int MAX_MASK_LENGTH = 128;

  /**
   * Longest {@code hello{token}} / {@code refresh{token}} (§16), in chars: room for an RS512 or
   * ES512 signature and a {@code rooms} claim of some dozens of rooms, within the 8 KiB a frame may
   * have before {@code hello}.
   */
  public static final int MAX_JWT_LENGTH = 4096;

  private static final Pattern NICK = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-\\[\\]\\\\^{}|]{0,31}");
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-.]{0,63}");

  private Validation() {}

  /** A nick: a letter, then up to 31 letters, digits or {@code _-[]\^{}|}. */
  public static String requireNick(String field, String nick) {
    requirePresent(field, nick);
    if (!NICK.matcher(nick).matches()) {
      throw new ChatCodecException(ErrorCode.INVALID_NAME, "invalid nick in '" + field + "': " + quote(nick)
          + " (a letter, then up to 31 of A-Z a-z 0-9 _ - [ ] \\ ^ { } |)");
    }
    return nick;
  }

  /** A room: a letter or digit, then up to 63 letters, digits or {@code _-.}. */
  public static String requireRoom(String field, String room) {
    requirePresent(field, room);
    if (!ROOM.matcher(room).matches()) {
      throw new ChatCodecException(ErrorCode.INVALID_NAME, "invalid room in '" + field + "': " + quote(room)
          + " (a letter or digit, then up to 63 of A-Z a-z 0-9 _ - .)");
    }
    return room;
  }

  /** An optional command id of at most {@value #MAX_ID_LENGTH} chars. */
  public static String checkId(String id) {
    if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'id' must be 1 to " + MAX_ID_LENGTH + " chars");
    }
    return id;
  }

  /**
   * An optional list cursor: 1 to {@value #MAX_CURSOR_LENGTH} chars. Its content is opaque to the
   * client; the server positions any well-sized value in its order and never fails on it.
   */
  public static String checkCursor(String field, String cursor) {
    return checkSize(field, cursor, MAX_CURSOR_LENGTH);
  }

  /** A list page's optional {@code after} cursor and {@code limit} (contract 1.1: {@code who}, {@code rooms}, {@code whois}, {@code bans}). */
  public static void checkPage(String after, Integer limit) {
    checkCursor("after", after);
    checkLimit(limit);
  }

  /**
   * The {@code accounts} of a member list (§12.9): each listed nick that is logged in to an
   * account, to that account's name, in the order given (the order of the list); {@code null} when
   * empty, so that a list of guests carries no field at all.
   */
  public static java.util.Map<String, String> accountsOf(java.util.Map<String, String> accounts) {
    if (accounts == null || accounts.isEmpty()) {
      return null;
    }
    java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(accounts.size() * 2);
    accounts.forEach((nick, account) -> copy.put(requirePresent("accounts", nick), requirePresent("accounts", account)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** An optional {@code limit}: at least 1 (the server caps it). */
  public static void checkLimit(Integer limit) {
    checkAtLeast("limit", limit == null ? null : limit.longValue(), 1);
  }

  /** An optional string of 1 to {@code max} chars. */
  public static String checkSize(String field, String value, int max) {
    if (value != null && (value.isEmpty() || value.length() > max)) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must be 1 to " + max + " chars");
    }
    return value;
  }

  /**
   * An optional password (§15): 1 to {@value #MAX_PASSWORD_LENGTH} chars, any of them. The error
   * names the field only, never the value.
   */
  public static String checkPassword(String field, String password) {
    return checkSize(field, password, MAX_PASSWORD_LENGTH);
  }

  /**
   * An optional opaque token ({@code txn}, {@code epoch}): 1 to {@value #MAX_TOKEN_LENGTH} visible
   * ASCII characters (U+0021–U+007E). A token is echoed to other clients ({@code txn} on a
   * broadcast), so it may not hold spaces or anything a terminal would act on.
   */
  public static String checkToken(String field, String token) {
    return checkVisible(field, token, MAX_TOKEN_LENGTH);
  }

  /**
   * An optional string of 1 to {@code max} visible ASCII characters (U+0021–U+007E): a token, a
   * room key, a ban mask.
   */
  public static String checkVisible(String field, String token, int max) {
    if (checkSize(field, token, max) == null) {
      return null;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' may hold only visible ASCII"
            + " characters (U+0021 to U+007E); U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
    return token;
  }

  /**
   * An optional JWT in compact form (§16): 1 to {@value #MAX_JWT_LENGTH} chars of the base64url
   * alphabet and dots. Whether it is a valid token is the server's business ({@code bad_credentials});
   * this only keeps anything else (spaces, controls, JSON) from being taken for one.
   */
  public static String checkJwt(String field, String token) {
    if (checkSize(field, token, MAX_JWT_LENGTH) == null) {
      return null;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
          || c == '.')) {
        throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a JWT in compact form"
            + " (base64url parts joined by dots); U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
    return token;
  }

  /** A non-empty text of at most {@code maxLength} code points, well-formed and free of control characters. */
  public static String requireText(String field, String text, int maxLength) {
    requirePresent(field, text);
    if (text.isEmpty()) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must not be empty");
    }
    checkLength(field, text, maxLength);
    requireWellFormed(field, text);
    requireNoControls(field, text);
    return text;
  }

  /**
   * Fails with {@code bad_request} on a control character that could rewrite a reader's terminal:
   * C0 (U+0000–U+001F) except tab and line feed, DEL (U+007F) and C1 (U+0080–U+009F). Bidi
   * marks, overrides and isolates stay legal (right-to-left scripts need them); clients escape
   * those on display.
   */
  public static String requireNoControls(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isForbiddenControl(c)) {
        throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' holds the control character U+"
            + String.format("%04X", (int) c) + " at " + i + " (only tab and line feed are allowed)");
      }
    }
    return text;
  }

  /** Whether {@code c} is a control character that text on the wire may not hold. */
  public static boolean isForbiddenControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
  }

  /** Fails with {@code bad_request} on an unpaired UTF-16 surrogate, which has no UTF-8 form. */
  public static String requireWellFormed(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' holds an unpaired surrogate at " + i);
      }
    }
    return text;
  }

  /**
   * Fails with {@code too_large} when {@code text} holds more than {@code maxLength} code points
   * ({@link Limits#TEXT_UNIT_CODE_POINT}). A text of at most {@code maxLength} chars is never
   * longer, so the code points are counted only past that.
   */
  public static String checkLength(String field, String text, int maxLength) {
    if (text != null && text.length() > maxLength) {
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints > maxLength) {
        throw new ChatCodecException(ErrorCode.TOO_LARGE,
            "'" + field + "' is too long: " + codePoints + " code points, the limit is " + maxLength);
      }
    }
    return text;
  }

  /** An optional free text ({@code reason}): when present, as {@link #requireText} with no length limit (the server checks it). */
  public static String checkReason(String field, String text) {
    return text == null ? null : requireText(field, text, Integer.MAX_VALUE);
  }

  /** Fails with {@code bad_request} unless {@code value} is one of {@code allowed}. */
  public static String requireOneOf(String field, String value, java.util.Set<String> allowed) {
    requirePresent(field, value);
    if (!allowed.contains(value)) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must be one of " + new java.util.TreeSet<>(allowed)
          + ", not " + quote(value));
    }
    return value;
  }

  /** Fails with {@code bad_request} when a required field is absent. */
  public static <T> T requirePresent(String field, T value) {
    if (value == null) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "missing field '" + field + "'");
    }
    return value;
  }

  /** Fails with {@code bad_request} when a present number is below {@code min}. */
  public static Long checkAtLeast(String field, Long value, long min) {
    if (value != null && value < min) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must be at least " + min);
    }
    return value;
  }

  /** Fails with {@code bad_request} when a present number is outside {@code [min, max]}. */
  public static Long checkRange(String field, Long value, long min, long max) {
    if (value != null && (value < min || value > max)) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "'" + field + "' must be from " + min + " to " + max);
    }
    return value;
  }

  private static String quote(String s) {
    return s.length() <= 80 ? "\"" + s + "\"" : "\"" + s.substring(0, 80) + "…\"";
  }
}
