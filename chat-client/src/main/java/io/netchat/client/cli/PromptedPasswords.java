package io.netchat.client.cli;

import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Passwords typed at the interactive prompt without echo (JLine's mask 0: nothing is shown, and
 * the line goes to no history). A new password is asked twice and must match.
 */
final class PromptedPasswords implements Passwords {
  private final LineReader reader;
  private String why = "no password typed";

  PromptedPasswords(LineReader reader) {
    this.reader = reader;
  }

  @Override
  public char[] toRegister(String account) {
    return twice("password to register " + account + " with: ");
  }

  @Override
  public char[] current(String account) {
    return ask("current password of " + account + ": ");
  }

  @Override
  public char[] replacement(String account) {
    return twice("new password for " + account + ": ");
  }

  @Override
  public String unavailable() {
    return why;
  }

  private char[] twice(String prompt) {
    char[] first = ask(prompt);
    if (first == null) {
      return null;
    }
    char[] again = ask("again: ");
    try {
      if (again == null || !Arrays.equals(first, again)) {
        why = "the two passwords differ";
        Passwords.wipe(first);
        return null;
      }
      return first;
    } finally {
      Passwords.wipe(again);
    }
  }

  private char[] ask(String prompt) {
    try {
      String typed = reader.readLine(prompt, '\0');
      if (typed.isEmpty()) {
        why = "no password typed";
        return null;
      }
      return typed.toCharArray();
    } catch (UserInterruptException | EndOfFileException e) {
      why = "no password typed";
      return null;
    }
  }
}
