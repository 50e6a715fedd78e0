/** The {@code netchat-client} command line: interactive (JLine) and scripted modes over {@link io.netchat.client.ChatClient}. */
package io.netchat.client.cli;
