package dev.starprobe.plugin;

import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginRegistryTest {
    private static final RequirementCatalogue CAT = RequirementCatalogue.builtIn();

    @Test
    void findsCheckInAThirdPartyJarInThePluginsFolder(@TempDir Path tmp) throws Exception {
        Path plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        buildPluginJar(tmp, plugins.resolve("acme-checks.jar"));

        PluginRegistry r = PluginRegistry.load(plugins, CAT);

        assertTrue(r.checks().stream().anyMatch(c -> c.descriptor().id().equals("acme.hello")),
                "checks found: " + r.checks().stream().map(c -> c.descriptor().id()).toList());
        assertEquals(List.of(plugins.resolve("acme-checks.jar")), r.jars());
    }

    @Test
    void missingPluginsFolderIsFine() {
        PluginRegistry r = PluginRegistry.load(Path.of("/nonexistent/plugins"), CAT);
        assertTrue(r.jars().isEmpty());
    }

    @Test
    void rejectsUnknownRequirement() {
        var e = assertThrows(PluginLoadException.class, () -> PluginRegistry.of(
                List.of(fake("x.y", List.of("S9.9-99"), List.of(), List.of())), List.of(), List.of(), List.of(), CAT, List.of()));
        assertTrue(e.getMessage().contains("S9.9-99"));
    }

    @Test
    void rejectsDuplicateIds() {
        var e = assertThrows(PluginLoadException.class, () -> PluginRegistry.of(
                List.of(fake("dup", List.of(), List.of(), List.of()), fake("dup", List.of(), List.of(), List.of())),
                List.of(), List.of(), List.of(), CAT, List.of()));
        assertTrue(e.getMessage().contains("dup"));
    }

    static Check fake(String id, List<String> reqs, List<String> consumes, List<String> produces) {
        var b = CheckDescriptor.builder(id).requirements(reqs.toArray(String[]::new))
                .consumes(consumes.stream().map(n -> dev.starprobe.spi.FactKey.of(n, String.class)).toArray(dev.starprobe.spi.FactKey[]::new))
                .produces(produces.stream().map(n -> dev.starprobe.spi.FactKey.of(n, String.class)).toArray(dev.starprobe.spi.FactKey[]::new));
        CheckDescriptor d = b.build();
        return new Check() {
            @Override
            public CheckDescriptor descriptor() {
                return d;
            }

            @Override
            public CompletionStage<CheckOutcome> run(CheckContext ctx) {
                return CompletableFuture.completedFuture(CheckOutcome.completed());
            }
        };
    }

    /** Compiles a check against the SPI on the test class path and packages it the way a third party would. */
    private static void buildPluginJar(Path work, Path jar) throws Exception {
        Path src = work.resolve("src/acme/HelloCheck.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package acme;
                import dev.starprobe.spi.*;
                import java.util.concurrent.*;
                public final class HelloCheck implements Check {
                    public CheckDescriptor descriptor() {
                        return CheckDescriptor.builder("acme.hello").title("hello").requirements("S1.1-12").build();
                    }
                    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
                        return CompletableFuture.completedFuture(CheckOutcome.completed());
                    }
                }
                """);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "plugin compilation failed");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.starprobe.spi.Check"));
            out.write("acme.HelloCheck\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
    }
}
