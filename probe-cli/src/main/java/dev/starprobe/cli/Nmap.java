package dev.starprobe.cli;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.net.NetSettings;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs nmap's TCP connect scan against the address the benchmark just scanned, for a comparison in
 * the same run. Only an address the scope guard already admitted is ever passed to nmap.
 */
final class Nmap {
    private static final int MAX_STDERR = 64 << 10;

    /**
     * How nmap is asked to scan. Both variants use a connect scan (-sT: the same kernel connect()
     * as ours, where root would otherwise get a SYN scan), no DNS (-n) and no host discovery (-Pn:
     * StarProbe does not ping before a targeted scan either).
     *
     * @param name    short name on round lines
     * @param label   what the printed figure means
     * @param options the timing options of this variant
     */
    record Variant(String name, String label, List<String> options) {
        /** nmap's default timing template: what a user gets who types the command without tuning. */
        static Variant defaults() {
            return new Variant("nmap -T3", "nmap default timing (-T3)", List.of("-T3"));
        }

        /**
         * -T4 (nmap's recommended template on a fast, reliable LAN) capped to StarProbe's own
         * politeness: --max-parallelism is nmap's limit of probes outstanding at once, the equivalent
         * of our per-device in-flight limit; --max-rate and --scan-delay mirror our rate and gap when
         * set. --min-rate is deliberately not used: it is a floor that overrides nmap's congestion
         * control, not a politeness limit, so it would measure a different, more aggressive scanner.
         */
        static Variant sameLimits(NetSettings s) {
            List<String> o = new ArrayList<>(List.of("-T4", "--max-parallelism", String.valueOf(s.maxInFlightPerDevice())));
            if (s.perSecondPerDevice() > 0) o.addAll(List.of("--max-rate", trim(s.perSecondPerDevice())));
            if (s.minGapNanos() > 0) o.addAll(List.of("--scan-delay", TimeUnit.NANOSECONDS.toMillis(s.minGapNanos()) + "ms"));
            return new Variant("nmap -T4 limits", "nmap -T4 with StarProbe's limits", List.copyOf(o));
        }
    }

    /** One nmap run: what it reported and the wall time of the process (start-up included). */
    record Run(NmapXml.Report report, double wallSeconds) {
    }

    /** nmap ran but did not give a usable result; the message is fit for the user. */
    static final class RunException extends Exception {
        RunException(String message) {
            super(message);
        }
    }

    private final Path executable;

    Nmap(Path executable) {
        this.executable = executable;
    }

    Path executable() {
        return executable;
    }

    /** The first executable named nmap on {@code pathVariable} (the PATH syntax of this OS). */
    static Optional<Nmap> locate(String pathVariable) {
        if (pathVariable == null) return Optional.empty();
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, "nmap");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(new Nmap(p));
        }
        return Optional.empty();
    }

    /** nmap's command line: connect scan of exactly {@code ports} on {@code target}, XML on standard output. */
    List<String> command(Variant v, PortSpec ports, InetAddress target) {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-sT", ports.size() == 65535 ? "-p-" : "-p" + ports.ranges(),
                "-n", "-Pn"));
        cmd.addAll(v.options());
        cmd.addAll(List.of("-oX", "-", target.getHostAddress()));
        return cmd;
    }

    /** nmap's version line, e.g. "Nmap version 7.93 ( https://nmap.org )", or why it could not be read. */
    String version() {
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = readCapped(p.getInputStream(), 4096);
            p.waitFor(10, TimeUnit.SECONDS);
            String first = new String(out, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            return first.isEmpty() ? "unknown version" : first;
        } catch (IOException e) {
            return "version unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version unknown (interrupted)";
        }
    }

    Run run(List<String> command, Duration timeout) throws RunException, InterruptedException {
        ExecutorService readers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "nmap-output");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            readers.shutdown();
            throw new RunException("cannot start nmap: " + e.getMessage());
        }
        try {
            // both pipes are drained at once, so nmap never blocks on a full one
            Future<byte[]> out = readers.submit(() -> readCapped(p.getInputStream(), NmapXml.MAX_BYTES + 1));
            Future<byte[]> err = readers.submit(() -> readCapped(p.getErrorStream(), MAX_STDERR));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunException(String.format(Locale.ROOT, "nmap did not finish within %.1f s", timeout.toMillis() / 1000.0));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            byte[] xml = out.get(10, TimeUnit.SECONDS);
            String stderr = new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new RunException("nmap exited with " + p.exitValue() + (stderr.isEmpty() ? "" : ": " + firstLines(stderr)));
            }
            NmapXml.Report report = NmapXml.parse(xml);
            if (!report.success()) throw new RunException("nmap reported an error: " + report.error());
            return new Run(report, wall);
        } catch (NmapXml.FormatException e) {
            throw new RunException(e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw new RunException("cannot read nmap's output: " + e.getMessage());
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            readers.shutdownNow();
        }
    }

    /** Up to {@code cap} bytes; the rest is read and dropped so the writer is never blocked. */
    static byte[] readCapped(InputStream in, int cap) {
        ByteArrayOutputStream keep = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                int room = cap - keep.size();
                if (room > 0) keep.write(buf, 0, Math.min(room, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keep.toByteArray();
    }

    private static String firstLines(String s) {
        return String.join(" / ", s.lines().limit(3).toList());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
