package dev.aiq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of reading the config through an instrumented provider, against reading a plain volatile field: the
 * app's hot path under the agent. Each {@link ReadKind} runs in its own fork under {@code -javaagent:aiq-dev.jar},
 * after the provider's first call (generation 1), so every measured call takes the woven fast path: one volatile
 * read in the bootstrap bridge, no allocation, no lock.
 *
 * <p>Run: {@code benchmarks/run provider-read}, or from the repository root {@code java -jar
 * benchmarks/target/benchmarks.jar ProviderReadBenchmark -prof gc -jvmArgsAppend
 * -javaagent:agent/target/aiq-dev.jar}. Target: ≤ +1 ns/op over the plain read, 0 B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ProviderReadBenchmark {

    /** How the config is read. */
    public enum ReadKind {
        /** A static volatile field: what an app without the agent pays at least. */
        PLAIN_VOLATILE_FIELD {
            @Override
            Object read(ProviderReadBenchmark state) {
                return plainField;
            }
        },
        /** The {@code @ConfigProvider} method, woven by the agent. */
        INSTRUMENTED_PROVIDER {
            @Override
            Object read(ProviderReadBenchmark state) {
                return BenchConfigProvider.load(state.file);
            }
        };

        abstract Object read(ProviderReadBenchmark state);
    }

    private static volatile Object plainField;

    /** Which read to measure. */
    @Param
    public ReadKind kind;

    private Path file;

    /** Writes the config, makes the provider's first call and checks that the weave answers the next ones. */
    @Setup
    public void setUp() throws IOException {
        file = Files.createTempFile("aiq-bench-provider", ".yml");
        file.toFile().deleteOnExit();
        Files.writeString(file, "workflow:\n  _type: react_agent\n");
        plainField = BenchConfigProvider.load(file);
        if (kind == ReadKind.INSTRUMENTED_PROVIDER && BenchConfigProvider.load(file) != BenchConfigProvider.load(file)) {
            throw new IllegalStateException("the provider is not instrumented: run the fork with"
                    + " -jvmArgsAppend -javaagent:agent/target/aiq-dev.jar");
        }
    }

    /** One read of the live config. */
    @Benchmark
    public Object read() {
        return kind.read(this);
    }
}
