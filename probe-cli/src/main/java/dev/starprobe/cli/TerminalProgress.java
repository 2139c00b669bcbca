package dev.starprobe.cli;

import dev.starprobe.engine.ProgressListener;
import dev.starprobe.engine.ScanEvent;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/** A progress bar on a terminal, a few plain lines otherwise (CI logs). */
abstract class TerminalProgress implements ProgressListener, AutoCloseable {

    static TerminalProgress create(PrintWriter err, boolean plain) {
        return plain || System.console() == null ? new Lines(err) : new Bar();
    }

    @Override
    public void close() {
    }

    private static final class Lines extends TerminalProgress {
        private final PrintWriter err;

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void on(ScanEvent e) {
            if (e instanceof ScanEvent.ScanStarted s) {
                err.printf("scanning %d address(es) x %d TCP port(s)%n", s.devices(), s.portsPerDevice());
            } else if (e instanceof ScanEvent.DeviceFinished d) {
                err.printf("%s: %d service(s), %d finding(s)%n", d.device().getHostAddress(), d.services(), d.findings());
            }
            err.flush();
        }
    }

    private static final class Bar extends TerminalProgress {
        private volatile ProgressBar bar;
        private final AtomicLong ports = new AtomicLong();

        @Override
        public void on(ScanEvent e) {
            if (e instanceof ScanEvent.ScanStarted s) {
                bar = new ProgressBarBuilder().setTaskName("ports").setInitialMax((long) s.devices() * s.portsPerDevice())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build();
            } else if (e instanceof ScanEvent.PortProbed && bar != null) {
                bar.stepTo(ports.incrementAndGet());
            } else if (e instanceof ScanEvent.StageStarted st && bar != null) {
                bar.setExtraMessage(st.device().getHostAddress() + " " + st.stage());
            }
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
