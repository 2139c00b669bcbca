package dev.starprobe.plugins.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The entries of a line-oriented data file on the class path: stripped, without blank lines and '#' comments. */
final class DataLines {
    private DataLines() {
    }

    static List<String> of(String resource) {
        InputStream in = DataLines.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing " + resource);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
