/** The netchat client library: {@link io.netchat.client.ChatClient}, its configuration, reconnect and events. */
package io.netchat.client;
