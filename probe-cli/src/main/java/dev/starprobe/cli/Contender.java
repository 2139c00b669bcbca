package dev.starprobe.cli;

import java.util.List;

/** One scanner in a port-scan benchmark: scans the target once per call and says what it measured. */
interface Contender {
    /** Short name used on every round line, e.g. "StarProbe" or "nmap -T3". */
    String name();

    /** @throws Exception when this scanner cannot give a result; it then takes no further rounds */
    Trial run() throws Exception;

    /**
     * One round's result.
     *
     * @param seconds  the scan time as the scanner itself measured it (process start-up excluded)
     * @param open     the open TCP ports found, ascending
     * @param detail   what else the scanner reported (closed/filtered counts, process time)
     * @param mismatch why this round is not a valid result (e.g. a listener was missed), or null
     */
    record Trial(double seconds, List<Integer> open, String detail, String mismatch) {
        public Trial {
            open = List.copyOf(open);
        }
    }
}
