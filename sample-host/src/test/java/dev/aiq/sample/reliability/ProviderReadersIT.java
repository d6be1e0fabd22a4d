package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers through swaps: 16 threads call the instrumented provider of a {@link TinyHost} without pause while the agent
 * swaps its config 10,000 times; the check runs inside the host ({@link SwapReaders}), which exits 0 only if no read
 * was null, none mixed two generations ({@code a} always equals {@code b}), none went back in time, every listener saw
 * the provider already returning its config, and the provider's own code ran only on {@code main} and the agent's
 * reload thread.
 *
 * <p>Why a child JVM: it is the real path (the woven provider, the bootstrap bridge, the engine, the listeners) with
 * nothing faked. Why the swaps come from the host's own MXBean calls: 10,000 swaps through file events would take
 * minutes; the file is still written and read for every swap, so each one is a full reload.
 */
class ProviderReadersIT {

    private static final int READERS = 16;
    private static final int SWAPS = 10_000;

    @TempDir
    Path temp;

    @Test
    void readersNeverSeeNullOrAMixOfTwoGenerations() throws Exception {
        Path config = Files.writeString(temp.resolve("config.yml"), "greeting: readers\na: 1\nb: 1\n");

        try (AppProcess host = Hosts.tinyHost(config, "events=false,poll=0",
                "--readers", Integer.toString(READERS), "--swaps", Integer.toString(SWAPS))) {
            assertThat(host.awaitExit()).as("%s", host).isZero();
            assertThat(host.stdout()).singleElement().asString().startsWith("READERS ok: " + READERS + " readers, "
                    + SWAPS + " swaps, ").endsWith("provider code ran on aiq-dev-reload x" + SWAPS + ", main x1");
            System.out.println("ProviderReadersIT: " + host.stdout().get(0));
        }
    }
}
