/** JMH microbenchmarks of the codecs: run with {@code bin/netchat-bench jmh}. */
package io.netchat.bench.jmh;
