package io.netchat.bench.load;

import java.net.InetAddress;

/**
 * One connection the generator opens.
 *
 * @param index position in the run, from 0
 * @param nick the nick it logs in with
 * @param room the room it joins
 * @param source local address to bind before connecting, or {@code null} for the kernel's choice
 */
public record ConnectionPlan(int index, String nick, String room, InetAddress source) {}
