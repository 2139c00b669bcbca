package dev.starprobe.plugins.http;

import dev.starprobe.spi.FactKey;

import java.util.Map;

/**
 * The titles of the pages a person sees first on the device's web services ("/" and one local redirect),
 * read without credentials, by port. A device fact: produced by the check that fetches those pages anyway
 * (exposure.info-disclosure), read by the model designation check, so "/" is fetched once.
 */
public record WebTitles(Map<Integer, String> byPort) {
    public static final FactKey<WebTitles> KEY = FactKey.of("http.web-titles", WebTitles.class);

    public WebTitles {
        byPort = Map.copyOf(byPort);
    }
}
