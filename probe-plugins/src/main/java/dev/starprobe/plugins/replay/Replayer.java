package dev.starprobe.plugins.replay;

import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Sends one protocol's requests again and judges the answers. */
interface Replayer {
    /** Freshness fields of the request, by name and shape. */
    List<Freshness.Field> fields(ReplayRequest.Message m);

    /** The request with the given fields changed. */
    ReplayRequest.Message alter(ReplayRequest.Message m, Map<Freshness.Field, String> changes);

    /** Sends {@code m} on a new connection or exchange and decides from the answer. */
    Decision send(CheckContext ctx, ReplayRequest r, ReplayRequest.Message m) throws IOException;
}
