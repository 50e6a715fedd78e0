/** Message model, framings and codecs for the netchat wire contract, shared by server and client. */
package io.netchat.codec;
