package dev.starprobe.plugins.cleartext;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * FTP logins are cleartext unless the server insists on AUTH TLS first. The check asks FEAT and
 * then sends a user name (never a password) without TLS: a server that proceeds to ask for the
 * password would take it in cleartext.
 */
public final class FtpCleartextCheck extends BlockingCheck {
    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.ftp")
            .title("No FTP login without TLS")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .protocols("ftp")
            .timeout(Duration.ofSeconds(30))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        int port = ctx.service().orElseThrow().port();
        Duration io = ctx.options().ioTimeout();
        Session s = ctx.net().tcp(port).toCompletableFuture().get();
        try {
            String banner = line(s, io);
            if (!banner.startsWith("220")) {
                return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "no FTP greeting on port " + port
                        + " this time").traffic("FTP greeting").build());
            }
            String feat = command(s, "FEAT", io);
            boolean authTls = feat.toUpperCase(Locale.ROOT).contains("AUTH TLS") || feat.toUpperCase(Locale.ROOT).contains("AUTH SSL");
            String user = command(s, "USER anonymous", io);
            command(s, "QUIT", io);
            boolean proceeds = user.startsWith("331") || user.startsWith("230") || user.startsWith("332");
            if (proceeds) {
                return CheckOutcome.completed(ctx.finding(Verdict.FAIL, "FTP on port " + port + " accepts a login without TLS ("
                                + first(user) + (authTls ? "; AUTH TLS is offered but not required" : "; no AUTH TLS offered") + ")")
                        .severity(Severity.HIGH).traffic("FTP exchange without TLS").build());
            }
            if (authTls && (user.startsWith("530") || user.startsWith("534") || user.startsWith("550"))) {
                return CheckOutcome.completed(ctx.finding(Verdict.PASS, "FTP on port " + port
                        + " refuses a login before AUTH TLS (" + first(user) + ")").traffic("FTP exchange").build());
            }
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "FTP on port " + port
                    + " answered USER with '" + first(user) + "'; whether a cleartext login is possible is unclear")
                    .traffic("FTP exchange").build());
        } finally {
            s.close();
        }
    }

    private static String command(Session s, String cmd, Duration io) throws Exception {
        s.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII)).toCompletableFuture().get();
        return reply(s, io);
    }

    /** A full (possibly multi-line "211-...") reply, bounded. */
    private static String reply(Session s, Duration io) throws Exception {
        StringBuilder sb = new StringBuilder(line(s, io));
        String first = sb.toString();
        if (first.length() >= 4 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            for (int i = 0; i < 64; i++) {
                String l = line(s, io);
                sb.append('\n').append(l);
                if (l.startsWith(end) || l.isEmpty()) break;
            }
        }
        return sb.toString();
    }

    private static String line(Session s, Duration io) throws Exception {
        byte[] b = s.readUntil("\n".getBytes(StandardCharsets.US_ASCII), 1024, io).toCompletableFuture().get();
        return new String(b, StandardCharsets.ISO_8859_1).trim();
    }

    private static String first(String reply) {
        return reply.lines().findFirst().orElse("");
    }
}
