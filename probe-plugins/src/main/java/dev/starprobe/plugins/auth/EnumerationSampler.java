package dev.starprobe.plugins.auth;

import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Takes the samples of a user-enumeration test on one surface: pairs of failed logins, one for the known
 * account and one for a random unknown name of the same length, with the same random wrong password, in
 * random order within each pair (so drift and warm-up hit both groups alike). The known credential logs in
 * first (proving the account exists here) and again after every {@code failuresBetweenResets} failures,
 * which keeps a failure counter that a successful login resets below its threshold. At the first sign of
 * lockout the pair is dropped; the test waits only within the user's lockout-wait allowance, otherwise stops.
 */
final class EnumerationSampler {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    /** @param stoppedBy why sampling ended early, or null when every pair was taken */
    record Samples(List<EnumerationSurface.Answer> known, List<EnumerationSurface.Answer> unknown, int failedAttempts,
                   int knownLogins, String stoppedBy) {
    }

    private final EnumerationSurface surface;
    private final ScanOptions.Credential account;
    private final EnumerationSettings cfg;
    private final Random random;
    private long waitLeftMillis;
    private int failed;
    private int logins;
    private int sinceReset;

    EnumerationSampler(EnumerationSurface surface, ScanOptions.Credential account, EnumerationSettings cfg,
                       Duration lockoutWait, Random random) {
        this.surface = surface;
        this.account = account;
        this.cfg = cfg;
        this.random = random;
        this.waitLeftMillis = lockoutWait.toMillis();
    }

    Samples take() throws IOException {
        List<EnumerationSurface.Answer> known = new ArrayList<>();
        List<EnumerationSurface.Answer> unknown = new ArrayList<>();
        String stop = reset("before the test");
        int retries = 0;
        while (stop == null && known.size() < cfg.samples()) {
            String password = "sp-" + token(10);
            String stranger = unknownName(account.user().length());
            boolean knownFirst = random.nextBoolean();
            EnumerationSurface.Answer first;
            EnumerationSurface.Answer second;
            try {
                first = attempt(knownFirst ? account.user() : stranger, password);
                second = first.lockout() ? first : attempt(knownFirst ? stranger : account.user(), password);
            } catch (IOException e) {
                if (known.isEmpty()) throw e;
                stop = "the connection failed after " + known.size() + " pairs (" + e.getMessage() + ")";
                break;
            }
            EnumerationSurface.Answer lockedOut = first.lockout() ? first : second.lockout() ? second : null;
            if (lockedOut != null) {
                if (waitLeftMillis <= 0 || ++retries > 3) {
                    stop = "a lockout answered after " + failed + " failed attempts (" + lockedOut.summary() + ")";
                } else {
                    stop = reset("after a lockout (" + lockedOut.summary() + ")");
                }
                continue; // the pair is incomplete: dropped
            }
            known.add(knownFirst ? first : second);
            unknown.add(knownFirst ? second : first);
        }
        return new Samples(known, unknown, failed, logins, stop);
    }

    private EnumerationSurface.Answer attempt(String user, String password) throws IOException {
        if (sinceReset >= cfg.failuresBetweenResets()) {
            String stop = reset("after " + sinceReset + " failed attempts");
            if (stop != null) return new EnumerationSurface.Answer("reset refused", "", 0, true, stop);
        }
        failed++;
        sinceReset++;
        return surface.answer(user, password);
    }

    /** Logs in with the known credential (waiting out a lockout if allowed); null when it worked, else why not. */
    private String reset(String when) throws IOException {
        while (true) {
            LoginSurface.Observation o = surface.login(account.user(), account.secret());
            logins++;
            if (o.positive() && !o.lockout()) {
                sinceReset = 0;
                return null;
            }
            if (!o.lockout() || waitLeftMillis <= 0) {
                return "the known credential's login " + when + " was refused (" + o.summary() + ")"
                        + (o.lockout() ? ": locked out" : logins == 1 ? ": the account may not exist on this surface"
                        : ": a lockout the device does not announce");
            }
            long pause = Math.min(waitLeftMillis, 1000);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for a lockout to end";
            }
            waitLeftMillis -= pause;
        }
    }

    private String unknownName(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.max(length, 5); i++) b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        return b.toString();
    }

    private String token(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append(Character.forDigit(random.nextInt(36), 36));
        return b.toString();
    }
}
