package org.fer4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.training.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during training: instead of the JVM's default (exit at once, tearing libtorch down
 * under a running backward, which crashed the JVM in 5 of 9 tries), the first signal asks the loop to
 * stop at the next step boundary through a {@link StopRequest}; the command then exits 130 or 143 and
 * says how to resume. A second signal exits at once. The handlers are installed only while a training
 * runs and restored afterwards, so commands that do not train keep the default behaviour.
 */
final class Interrupts implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};
    private final StopRequest stop = new StopRequest();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interrupts() {
    }

    /** Installs the handlers for one training run; close restores the previous ones. */
    static Interrupts install(java.io.PrintWriter err) {
        Interrupts in = new Interrupts();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                SignalHandler old = Signal.handle(s, sig -> {
                    if (in.stop.requested()) {
                        Runtime.getRuntime().halt(128 + sig.getNumber());
                    }
                    in.stop.request("SIG" + sig.getName());
                    err.println("fer4j: SIG" + sig.getName() + ": stopping at the next step boundary (send it again to"
                            + " quit at once)");
                    err.flush();
                });
                in.signals.add(s);
                in.previous.add(old);
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform (or the JVM reserved it): keep the default
            }
        }
        return in;
    }

    StopRequest stopRequest() {
        return stop;
    }

    /** The exit status of a process ended by this signal name, as shells report it. */
    static int exitCode(String reason) {
        return "SIGINT".equals(reason) ? 130 : "SIGTERM".equals(reason) ? 143 : 1;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
