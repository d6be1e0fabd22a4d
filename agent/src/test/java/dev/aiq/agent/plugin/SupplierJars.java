package dev.aiq.agent.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/**
 * Plugin jars for the agent's own tests: one {@code java.util.function.Supplier} whose {@code get()} returns a fixed
 * text, compiled by the test (the JDK's service interface, so the tests need no plugin API of an app).
 */
final class SupplierJars {

    private SupplierJars() {
    }

    /** Writes a jar whose {@code plugins.Answer} supplies {@code text} (and whose constructor runs {@code init}). */
    static Path write(Path dir, String name, String text, String init) {
        try {
            Path work = Files.createTempDirectory("supplier-jar");
            Path source = work.resolve("plugins/Answer.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package plugins;\npublic final class Answer implements java.util.function."
                    + "Supplier<String> {\n  public Answer() { " + init + " }\n  static boolean never() { return false; }\n"
                    + "  public String get() { return \"" + text + "\"; }\n}\n");
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                    work.toString(), source.toString());
            if (status != 0) {
                throw new IllegalStateException("the test plugin does not compile");
            }
            Path temp = work.resolve(name);
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(temp))) {
                jar.putNextEntry(new JarEntry("META-INF/services/java.util.function.Supplier"));
                jar.write("plugins.Answer\n".getBytes(StandardCharsets.UTF_8));
                jar.putNextEntry(new JarEntry("plugins/Answer.class"));
                jar.write(Files.readAllBytes(work.resolve("plugins/Answer.class")));
            }
            Files.createDirectories(dir);
            return Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
