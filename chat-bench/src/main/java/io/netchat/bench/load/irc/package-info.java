/** The generator's IRC client: registration, the room's channel, PING answers and PRIVMSG lines. */
package io.netchat.bench.load.irc;
