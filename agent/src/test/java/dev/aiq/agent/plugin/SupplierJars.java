package dev.aiq.agent.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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
        return write(dir, name, init, "\"" + text + "\"", null);
    }

    /**
     * Writes a jar whose {@code plugins.Answer} asks a second class, {@code plugins.Later}, for {@code text}: Later is
     * loaded only at the first {@code get()}, not when the set is built.
     */
    static Path writeWithALazyClass(Path dir, String name, String text) {
        return write(dir, name, "", "plugins.Later.text()", "package plugins;\nfinal class Later {\n"
                + "  static String text() { return \"" + text + "\"; }\n}\n");
    }

    private static Path write(Path dir, String name, String init, String answer, String later) {
        try {
            Path work = Files.createTempDirectory("supplier-jar");
            Path source = work.resolve("plugins/Answer.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package plugins;\npublic final class Answer implements java.util.function."
                    + "Supplier<String> {\n  public Answer() { " + init + " }\n  static boolean never() { return false; }\n"
                    + "  public String get() { return " + answer + "; }\n}\n");
            List<String> javac = new ArrayList<>(List.of("--release", "17", "-d", work.toString(), source.toString()));
            if (later != null) {
                javac.add(Files.writeString(work.resolve("plugins/Later.java"), later).toString());
            }
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the test plugin does not compile");
            }
            Path temp = work.resolve(name);
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(temp))) {
                jar.putNextEntry(new JarEntry("META-INF/services/java.util.function.Supplier"));
                jar.write("plugins.Answer\n".getBytes(StandardCharsets.UTF_8));
                for (String className : later == null ? List.of("Answer") : List.of("Answer", "Later")) {
                    jar.putNextEntry(new JarEntry("plugins/" + className + ".class"));
                    jar.write(Files.readAllBytes(work.resolve("plugins/" + className + ".class")));
                }
            }
            Files.createDirectories(dir);
            return Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
