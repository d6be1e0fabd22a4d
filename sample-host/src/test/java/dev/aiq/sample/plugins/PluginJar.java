package dev.aiq.sample.plugins;

import dev.aiq.sample.plugin.FunctionPlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin jar for the sample host, compiled by the test: one {@code FunctionPlugin} of a given {@code _type} whose
 * answer is a Java expression over {@code question}, in a class of a fixed name (so v1 and v2 are the same class in
 * two loaders, as a rebuilt plugin is). Written into a plugins directory atomically (temp file, then rename).
 */
final class PluginJar {

    /** The plugin service, as the jars list it. */
    static final String SERVICE = FunctionPlugin.class.getName();

    private final String className;
    private final String type;
    private final String cue;
    private String answer;
    private String constructorBody = "";
    private String version;
    private boolean classLeftOut;
    private String helperName;
    private String helperBody;

    private PluginJar(String className, String type, String cue, String answer) {
        this.className = className;
        this.type = type;
        this.cue = cue;
        this.answer = answer;
    }

    /** A plugin {@code plugins.<Name>} of function {@code type}, called for {@code cue}, answering {@code answer}. */
    static PluginJar function(String simpleName, String type, String cue, String answer) {
        return new PluginJar("plugins." + simpleName, type, cue, answer);
    }

    /** Another answer, a Java expression over {@code question}. */
    PluginJar answer(String expression) {
        answer = expression;
        return this;
    }

    /** The jar's {@code Implementation-Version}. */
    PluginJar version(String newVersion) {
        version = newVersion;
        return this;
    }

    /** A constructor that throws {@code message}. */
    PluginJar constructorThrows(String message) {
        constructorBody = "if (question() == null) { throw new IllegalStateException(\"" + message + "\"); }";
        return this;
    }

    /**
     * A second class {@code plugins.<simpleName>} with {@code body} in the jar, which the answer may call: the JVM
     * loads it only when a call first reaches it, long after the set was built.
     */
    PluginJar withClass(String simpleName, String body) {
        helperName = simpleName;
        helperBody = body;
        return this;
    }

    /** The service file lists the class, but the class is not in the jar. */
    PluginJar withoutItsClass() {
        classLeftOut = true;
        return this;
    }

    /** Builds the jar and moves it into {@code directory} as {@code name}; returns its path. */
    Path writeTo(Path directory, String name) {
        return install(directory, name, bytes());
    }

    /** Writes bytes that are not a jar as {@code name} into {@code directory}. */
    static Path corrupt(Path directory, String name) {
        return corrupt(directory, name, "this is not a zip file");
    }

    /** Writes {@code text}, which is not a jar, as {@code name} into {@code directory}. */
    static Path corrupt(Path directory, String name, String text) {
        return install(directory, name, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Path install(Path directory, String name, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Path temp = directory.resolve("." + name + ".tmp");
            Files.write(temp, bytes);
            return Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes() {
        try {
            Path work = Files.createTempDirectory("plugin-jar");
            Path sources = work.resolve("src");
            Path classes = work.resolve("classes");
            String simpleName = className.substring(className.lastIndexOf('.') + 1);
            Path source = sources.resolve("plugins").resolve(simpleName + ".java");
            Files.createDirectories(source.getParent());
            Files.createDirectories(classes);
            Files.writeString(source, source(simpleName));
            List<String> options = new ArrayList<>(List.of("--release", "17", "-classpath", serviceClassPath(), "-d",
                    classes.toString(), source.toString()));
            if (helperName != null) {
                Path helper = source.resolveSibling(helperName + ".java");
                Files.writeString(helper, "package plugins;\nfinal class " + helperName + " {\n  " + helperBody
                        + "\n}\n");
                options.add(helper.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(null, null, errors, options.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the test plugin does not compile: " + errors);
            }
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (version != null) {
                manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            }
            try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
                put(out, "META-INF/services/" + SERVICE, (className + "\n").getBytes(StandardCharsets.UTF_8));
                if (!classLeftOut) {
                    for (Path file : classFiles(classes)) {
                        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            }
            return jar.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the plugin service comes from: the sample host's classes (it needs nothing else). */
    private static String serviceClassPath() {
        try {
            return Path.of(FunctionPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String source(String simpleName) {
        return "package plugins;\n"
                + "public final class " + simpleName + " implements " + SERVICE + " {\n"
                + "  public " + simpleName + "() { " + constructorBody + " }\n"
                + "  private static String question() { return null; }\n"
                + "  @Override public String type() { return \"" + type + "\"; }\n"
                + "  @Override public java.util.List<String> cues() { return java.util.List.of(\"" + cue + "\"); }\n"
                + "  @Override public String call(String question) { return " + answer + "; }\n"
                + "}\n";
    }

    private static List<Path> classFiles(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return new ArrayList<>(walk.filter(p -> p.toString().endsWith(".class")).sorted().toList());
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(bytes);
        out.closeEntry();
    }
}
