package dev.starprobe.plugins.auth;

import dev.starprobe.model.Category;
import dev.starprobe.spi.ScanOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The default-credential data file ({@code default-credentials.txt}): generic, per-category and per-surface
 * ({@code @snmp}, {@code @ftp}...) pairs in order of likelihood, plus the user's own file (setting
 * {@value #FILE_SETTING}), which comes first.
 */
public final class CredentialList {
    public static final String FILE_SETTING = "auth.default-credentials.file";
    private static final String RESOURCE = "/dev/starprobe/plugins/auth/default-credentials.txt";

    /** One pair; {@code scope} is "*", a category name or "@" and a surface kind. */
    public record Entry(String scope, String user, String password) {
        public String label() {
            return user + "/" + (password.isEmpty() ? "<empty>" : password);
        }
    }

    private static final List<Entry> BUILT_IN = loadBuiltIn();

    private CredentialList() {
    }

    public static List<Entry> builtIn() {
        return BUILT_IN;
    }

    /** Pairs for a device of {@code category}, user file first, then the category, then generic; no duplicates. */
    public static List<Entry> forDevice(Category category, ScanOptions options) {
        String cat = category == null ? "" : category.name();
        List<Entry> ordered = new ArrayList<>();
        for (Entry e : userFile(options)) if (e.scope().equals("*") || e.scope().equals(cat)) ordered.add(e);
        for (Entry e : BUILT_IN) if (e.scope().equals(cat)) ordered.add(e);
        for (Entry e : BUILT_IN) if (e.scope().equals("*")) ordered.add(e);
        return distinct(ordered);
    }

    /**
     * Pairs for {@code surface} on a device of {@code category}: the user's file, then the surface kind's own
     * entries, then (where the surface takes user/password pairs) the category's and the generic ones.
     */
    static List<Entry> forSurface(Category category, ScanOptions options, LoginSurface surface) {
        return forKind(category, options, surface.kind(), surface.takesUserPasswordPairs());
    }

    /** As {@link #forSurface}, for a surface {@code kind} that does or does not take user/password {@code pairs}. */
    static List<Entry> forKind(Category category, ScanOptions options, String kind, boolean pairs) {
        String own = "@" + kind;
        List<Entry> user = userFile(options);
        String cat = category == null ? "" : category.name();
        List<Entry> ordered = new ArrayList<>();
        for (Entry e : user) if (e.scope().equals(own) || (pairs && (e.scope().equals("*") || e.scope().equals(cat)))) ordered.add(e);
        for (Entry e : BUILT_IN) if (e.scope().equals(own)) ordered.add(e);
        if (pairs) {
            for (Entry e : BUILT_IN) if (e.scope().equals(cat)) ordered.add(e);
            for (Entry e : BUILT_IN) if (e.scope().equals("*")) ordered.add(e);
        }
        return distinct(ordered);
    }

    private static List<Entry> userFile(ScanOptions options) {
        List<Entry> all = new ArrayList<>();
        options.setting(FILE_SETTING).ifPresent(p -> {
            try (Reader r = Files.newBufferedReader(Path.of(p), StandardCharsets.UTF_8)) {
                all.addAll(parse(r, p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FILE_SETTING + " " + p, e);
            }
        });
        return all;
    }

    private static List<Entry> distinct(List<Entry> ordered) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : ordered) if (seen.add(e.user() + "\0" + e.password())) out.add(e);
        return out;
    }

    static List<Entry> parse(Reader in, String source) throws IOException {
        List<Entry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split("\\s+");
            if (f.length != 3) throw new IllegalArgumentException(source + ":" + n + ": expected '<scope> <user> <password>'");
            String scope = f[0].equals("*") ? "*" : f[0].startsWith("@") ? f[0].toLowerCase(Locale.ROOT) : f[0].toUpperCase(Locale.ROOT);
            if (!scope.equals("*") && !scope.startsWith("@")) Category.valueOf(scope); // validates
            out.add(new Entry(scope, f[1].equals("<empty>") ? "" : f[1], f[2].equals("<empty>") ? "" : f[2]));
        }
        return out;
    }

    private static List<Entry> loadBuiltIn() {
        var in = CredentialList.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException("missing " + RESOURCE);
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return List.copyOf(parse(r, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
