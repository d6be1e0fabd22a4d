package dev.aiq.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The plainest Attach API client, the floor of any Java attach tool: attach, load {@link TrivialAgent}, read its
 * property back, detach. Run as its own JVM, as {@code aiq-dev attach} is:
 * {@code java -cp benchmarks.jar dev.aiq.bench.YardstickAttach PID AGENT_JAR}. Exit 0 when the property came back.
 */
public final class YardstickAttach {

    private YardstickAttach() {
    }

    /** Attaches to {@code args[0]} and loads the agent jar {@code args[1]}. */
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgent(args[1], "hello");
            String loaded = vm.getSystemProperties().getProperty(TrivialAgent.PROPERTY);
            System.out.println("loaded: " + loaded);
            System.exit("hello".equals(loaded) ? 0 : 1);
        } finally {
            vm.detach();
        }
    }

    /** Writes the trivial agent's jar (its one class and a manifest naming it) into {@code dir}. */
    static Path agentJar(Path dir) {
        Path jar = dir.resolve("trivial-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", TrivialAgent.class.getName());
        String entry = TrivialAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var in = TrivialAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(in.readAllBytes());
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
