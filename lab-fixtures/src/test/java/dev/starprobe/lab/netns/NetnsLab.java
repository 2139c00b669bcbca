package dev.starprobe.lab.netns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A namespace LAN (lab-fixtures/scripts/netns-lab.sh) around a test class: devices with fixed
 * addresses and MACs, and a probe namespace from which the code under test runs. Use it as
 * {@code @RegisterExtension static NetnsLab lab = NetnsLab.devices(3)...;} or with start()/close().
 *
 * <p>Without root, {@code ip netns} or the right to create namespaces, the tests are skipped
 * (JUnit assumption) with the reason. Every lab is torn down in afterAll, by a shutdown hook if the
 * JVM ends first, and labs left behind by a killed test JVM are removed on the next start (their
 * prefix carries the owning JVM's pid).
 */
public final class NetnsLab implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** Name prefix of every namespace the tests create: sp&lt;pid&gt;-&lt;n&gt;. */
    static final Pattern OWNED = Pattern.compile("^(sp(\\d+)-\\d+)-(?:sw|probe|dev\\d+)$");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final int devices;
    private final String net;
    private final Map<Integer, List<String>> commands = new LinkedHashMap<>();
    private String ready;
    private Duration readyTimeout = Duration.ofSeconds(30);
    private String prefix;
    private Path logDir;
    private Thread hook;

    private NetnsLab(int devices, String net) {
        this.devices = devices;
        this.net = net;
    }

    /**
     * @param net first three octets of the lab /24 inside 198.18.0.0/15, e.g. "198.18.3"; labs run
     *            with their probe in a namespace, so parallel labs never collide even on one net
     */
    public static NetnsLab devices(int n, String net) {
        return new NetnsLab(n, net);
    }

    /** Starts {@code command} inside device {@code i} (1-based) when the lab comes up. */
    public NetnsLab command(int i, List<String> command) {
        commands.put(i, List.copyOf(command));
        return this;
    }

    /** {@code up} returns only once every started command printed {@code text} (or fails). */
    public NetnsLab readyWhenLogged(String text, Duration timeout) {
        this.ready = text;
        this.readyTimeout = timeout;
        return this;
    }

    // ---- availability ----

    /** Skips the calling test (assumption) unless namespaces can be created here. */
    public static void assumeAvailable() {
        String why = unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "namespace LAN tests skipped: " + why);
    }

    private static volatile String cachedReason;
    private static volatile boolean probed;

    static synchronized String unavailableReason() {
        if (probed) return cachedReason;
        probed = true;
        try {
            if (!"0".equals(run(List.of("id", "-u"), Duration.ofSeconds(5)).stdout().trim())) {
                return cachedReason = "not running as root (namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)";
            }
            if (run(List.of("ip", "netns", "list"), Duration.ofSeconds(5)).exit() != 0) {
                return cachedReason = "'ip netns' is not available (install iproute2)";
            }
            Exec u = run(List.of("unshare", "--net", "true"), Duration.ofSeconds(5));
            if (u.exit() != 0) return cachedReason = "cannot create a network namespace: " + u.stderr().trim();
            if (script() == null) return cachedReason = "lab-fixtures/scripts/netns-lab.sh not found above " + Paths.get("").toAbsolutePath();
            return cachedReason = null;
        } catch (IOException e) {
            return cachedReason = "cannot run ip/unshare: " + e.getMessage();
        }
    }

    /** The script, found by walking up from the working directory (a module or the repository root). */
    static Path script() {
        String override = System.getProperty("starprobe.netnsLab");
        if (override != null) return Paths.get(override);
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("lab-fixtures/scripts/netns-lab.sh");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public NetnsLab start() throws IOException {
        assumeAvailable();
        reapStale();
        prefix = "sp" + PID + "-" + COUNTER.incrementAndGet();
        logDir = Files.createTempDirectory(prefix + "-logs");
        hook = new Thread(this::down, "netns-lab-down-" + prefix);
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, String> env = scriptEnv(prefix);
        commands.forEach((i, cmd) -> env.put("LAB_CMD_" + i, shellJoin(cmd)));
        if (ready != null) {
            env.put("LAB_READY", ready);
            env.put("LAB_READY_TIMEOUT", String.valueOf(Math.max(1, readyTimeout.toSeconds())));
        }
        Exec up = runScript(env, Duration.ofSeconds(readyTimeout.toSeconds() + 30), "up");
        if (up.exit() != 0) {
            String logs = logs();
            close();
            throw new IllegalStateException("netns-lab up failed (" + up.exit() + "): " + up.stderr() + up.stdout() + logs);
        }
        return this;
    }

    private Map<String, String> scriptEnv(String labPrefix) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAB_PREFIX", labPrefix);
        env.put("LAB_DEVICES", String.valueOf(devices));
        env.put("LAB_PROBE", "ns");
        env.put("LAB_NET", net);
        if (logDir != null) env.put("LAB_LOG_DIR", logDir.toString());
        return env;
    }

    private Exec runScript(Map<String, String> env, Duration timeout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env, timeout);
    }

    /** Tears the lab down; safe to call twice. */
    @Override
    public void close() {
        if (prefix == null) return;
        down();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook itself is running
            }
            hook = null;
        }
        deleteTree(logDir);
        prefix = null;
    }

    private void down() {
        String p = prefix;
        if (p == null) return;
        try {
            Exec d = runScript(scriptEnv(p), Duration.ofSeconds(30), "down");
            if (d.exit() != 0) System.err.println("netns-lab down " + p + " failed: " + d.stderr());
        } catch (IOException e) {
            System.err.println("netns-lab down " + p + " failed: " + e);
        }
    }

    /** Removes labs whose owning test JVM no longer runs (killed before afterAll). */
    static void reapStale() throws IOException {
        Exec list = run(List.of("ip", "netns", "list"), Duration.ofSeconds(5));
        List<String> stale = new ArrayList<>();
        for (String line : list.stdout().split("\n")) {
            Matcher m = OWNED.matcher(line.trim().split("\\s+")[0]);
            if (m.matches() && !stale.contains(m.group(1))
                    && ProcessHandle.of(Long.parseLong(m.group(2))).map(ProcessHandle::isAlive).orElse(false) == false) {
                stale.add(m.group(1));
            }
        }
        for (String p : stale) {
            List<String> cmd = List.of("bash", script().toString(), "down");
            run(cmd, Map.of("LAB_PREFIX", p, "LAB_PROBE", "ns"), Duration.ofSeconds(30));
        }
    }

    // ---- what tests use ----

    public String prefix() {
        return prefix;
    }

    public String probeNamespace() {
        return prefix + "-probe";
    }

    public String deviceNamespace(int i) {
        return prefix + "-dev" + i;
    }

    /** The probe's interface inside its namespace. */
    public String probeInterface() {
        return "eth0";
    }

    public String probeAddress() {
        return net + ".1";
    }

    public String deviceAddress(int i) {
        return net + "." + (10 + i);
    }

    public String cidr() {
        return net + ".0/24";
    }

    public int deviceCount() {
        return devices;
    }

    /** The fixed MAC of device {@code i}, as the script assigns it (lower case, colon separated). */
    public String deviceMac(int i) {
        String[] o = net.split("\\.");
        return String.format("02:00:c6:%02x:%02x:%02x", Integer.parseInt(o[1]), Integer.parseInt(o[2]), 10 + i);
    }

    /** Runs {@code command} inside namespace {@code ns} and waits for it. */
    public Exec exec(String ns, List<String> command, Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        return run(cmd, Map.of(), timeout);
    }

    public Exec execInProbe(List<String> command, Duration timeout) throws IOException {
        return exec(probeNamespace(), command, timeout);
    }

    /** What the device commands printed so far (for failure messages). */
    public String logs() {
        if (logDir == null || !Files.isDirectory(logDir)) return "";
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(logDir)) {
            for (Path p : s.sorted().toList()) {
                String text = Files.readString(p);
                b.append("\n--- ").append(p.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
            }
        } catch (IOException e) {
            b.append("\n(cannot read logs: ").append(e.getMessage()).append(')');
        }
        return b.toString();
    }

    /**
     * A JVM command line running {@code mainClass} with this test JVM's classpath; lean flags because
     * several such JVMs start per test on shared CI cores.
     */
    public static List<String> java(String mainClass, String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m", "-Xshare:auto", "-cp", cp));
        String hosts = System.getProperty("jdk.net.hosts.file");
        if (hosts != null) cmd.add("-Djdk.net.hosts.file=" + hosts); // never ask DNS, as in the test JVM
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    // ---- processes ----

    public record Exec(int exit, String stdout, String stderr) {
    }

    private static final int OUTPUT_CAP = 4 << 20;

    static Exec run(List<String> cmd, Duration timeout) throws IOException {
        return run(cmd, Map.of(), timeout);
    }

    /** Runs a command with bounded output; a command over its time is killed (exit -1). */
    static Exec run(List<String> cmd, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("netns-lab-out", ".txt");
        Path err = Files.createTempFile("netns-lab-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            return new Exec(done ? p.exitValue() : -1, head(out), head(err) + (done ? "" : "\n(killed after " + timeout + ")"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String head(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return new String(b, 0, Math.min(b.length, OUTPUT_CAP), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Single-quotes every word for bash -c. */
    static String shellJoin(List<String> words) {
        StringBuilder b = new StringBuilder("exec");
        for (String w : words) b.append(" '").append(w.replace("'", "'\\''")).append('\'');
        return b.toString();
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
