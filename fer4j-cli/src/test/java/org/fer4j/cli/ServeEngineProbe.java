package org.fer4j.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in its own JVM by {@link OnnxEnginesCliTest}: starts {@code fer4j serve ARGS}, answers one photo
 * ({@code args[0]}) over HTTP, stops, then prints the label, whether libtorch and ONNX Runtime are mapped
 * (/proc/self/maps), the peak RSS and the milliseconds from JVM start to the answer.
 */
public final class ServeEngineProbe {
    private ServeEngineProbe() {
    }

    public static void main(String[] args) throws Exception {
        ServeCommandTest.Served s = ServeCommandTest.serve(Path.of(args[0]), Arrays.copyOfRange(args, 1, args.length));
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .findFirst().orElse("VmHWM: ? kB").replaceAll("\\D+", "");
        System.out.println("label=" + s.response().get("faces").get(0).get("label").asText());
        System.out.println("libtorch=" + maps.contains("libtorch"));
        System.out.println("onnxruntime=" + maps.contains("libonnxruntime"));
        System.out.println("peak_rss_kb=" + hwm);
        System.out.println("first_answer_ms=" + millis);
        System.exit(0); // the server's and the detector's non-daemon threads are gone, but a stray one must not hold the test
    }
}
