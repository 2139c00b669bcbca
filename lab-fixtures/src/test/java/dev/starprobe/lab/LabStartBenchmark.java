package dev.starprobe.lab;

/**
 * Prints how long {@code Lab.start(BuiltInLab.all())} and {@code close()} take, cold (first, with class
 * loading and key generation) and warm. Run: java -cp (test classpath) dev.starprobe.lab.LabStartBenchmark [runs]
 */
public final class LabStartBenchmark {
    private LabStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            Lab lab = Lab.start(BuiltInLab.all());
            long started = System.nanoTime();
            int n = lab.devices().size();
            lab.close();
            long closed = System.nanoTime();
            System.out.printf("run %d (%s): Lab.start(BuiltInLab.all()) %d devices in %d ms, close in %d ms%n",
                    i, i == 1 ? "cold" : "warm", n, (started - t0) / 1_000_000, (closed - started) / 1_000_000);
        }
    }
}
