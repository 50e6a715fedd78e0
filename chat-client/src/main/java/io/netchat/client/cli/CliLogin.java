package io.netchat.client.cli;

import io.netchat.client.ChatClient;
import io.netchat.client.ClientConfig;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the CLI logs in: as a guest (no password), to the nick's account (a password), or as a guest
 * that registers the nick with the password at once ({@code --register}). Shared by the
 * interactive and the scripted mode.
 *
 * @param password the password from --password-file, NETCHAT_PASSWORD or --ask-password, or null
 * @param register whether to register the nick with it rather than log in to it
 */
record CliLogin(char[] password, boolean register) {

  /** Connects {@code client} and logs in; fails as {@link ChatClient#connect()} does. */
  void run(ChatClient client, ClientConfig config) throws ExecutionException, TimeoutException, InterruptedException {
    long wait = config.connectTimeout().plus(config.requestTimeout()).toMillis();
    client.connect(register ? null : password).get(wait, TimeUnit.MILLISECONDS);
    if (register) {
      client.register(password).get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public String toString() {
    return "CliLogin[password=" + (password == null ? "none" : "***") + ", register=" + register + "]";
  }
}
