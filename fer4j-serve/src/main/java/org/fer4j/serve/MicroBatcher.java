package org.fer4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fer4j.inference.FaceInput;
import org.fer4j.inference.Predictor;

/**
 * Gathers the faces of concurrent requests into one forward pass on a shared {@link Predictor}: the first
 * face waiting starts a window of {@code waitMs}; the batch runs when the window closes or {@code maxBatch}
 * faces are in. A request's faces stay together in one batch. The queue is bounded in faces: a request
 * that does not fit is refused at once (503 with Retry-After) rather than growing memory and latency.
 *
 * <p>A batch is padded (with copies of its first face, whose answers are dropped) to the next of a few
 * sizes (1, 2, 3, 4, 6, 8, 12, 16, 24, …, at most a third more work): every new input shape makes oneDNN
 * build its kernels again (seconds for ResNet-18 on two cores), so a handful of shapes, built once by
 * {@link #warmUp}, beats sixty-four built while clients wait.
 *
 * <p>With batching off ({@code enabled == false}) each request runs its own faces in its own thread; the
 * model serialises the calls. One worker thread per batcher; {@link #close} stops it and fails what waits.
 */
final class MicroBatcher implements AutoCloseable {
    private record Job(List<FaceInput> faces, CompletableFuture<List<Predictor.Result>> done) {
    }

    private final Predictor predictor;
    private final boolean enabled;
    private final int maxBatch;
    private final long waitNanos;
    private final int capacity;
    private final Semaphore room;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Metrics metrics;
    private final Thread worker;
    private final int[] sizes;
    private volatile boolean closed;

    MicroBatcher(String name, Predictor predictor, boolean enabled, int maxBatch, int waitMs, int capacity, Metrics metrics) {
        this.predictor = predictor;
        this.enabled = enabled;
        this.maxBatch = maxBatch;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        this.metrics = metrics;
        this.sizes = sizes(maxBatch);
        if (enabled) {
            worker = new Thread(this::loop, "fer4j-batcher-" + name);
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    /** The padded batch sizes up to {@code maxBatch}: 1, 2, 3, 4, 6, 8, 12, 16, …, and {@code maxBatch} itself. */
    static int[] sizes(int maxBatch) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int p = 1; p <= maxBatch; p *= 2) {
            s.add(p);
            if (p >= 2 && p + p / 2 <= maxBatch) {
                s.add(p + p / 2);
            }
        }
        s.add(maxBatch);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The size a batch of {@code n} faces runs at (n itself above the largest). */
    int padded(int n) {
        for (int s : sizes) {
            if (s >= n) {
                return s;
            }
        }
        return n;
    }

    /** Runs one forward pass at every padded size, so the first clients do not wait for kernels to be built. */
    void warmUp(FaceInput sample) {
        if (!enabled) {
            predictor.predictEach(List.of(sample));
            return;
        }
        for (int s : sizes) {
            predictor.predictEach(java.util.Collections.nCopies(s, sample));
        }
    }

    /** Faces queued or in the forward pass now. */
    int depth() {
        return waiting.get();
    }

    boolean full() {
        return enabled && room.availablePermits() == 0;
    }

    /**
     * One request's faces, predicted in order (batched with other requests' when enabled).
     *
     * @throws ApiException 503 when the queue has no room for them
     */
    CompletableFuture<List<Predictor.Result>> submit(List<FaceInput> faces) {
        if (faces.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (closed) {
            throw new ApiException(503, "shutting_down", "the server is shutting down", 1);
        }
        if (!enabled) {
            waiting.addAndGet(faces.size());
            try {
                metrics.batch(faces.size());
                return CompletableFuture.completedFuture(predictor.predictEach(faces));
            } finally {
                waiting.addAndGet(-faces.size());
            }
        }
        if (faces.size() > capacity || !room.tryAcquire(faces.size())) {
            throw new ApiException(503, "queue_full", "the server has " + capacity + " faces waiting for the model"
                    + " (or this request has more); retry shortly", 1);
        }
        waiting.addAndGet(faces.size());
        Job job = new Job(List.copyOf(faces), new CompletableFuture<>());
        queue.add(job);
        return job.done();
    }

    private void loop() {
        Job carry = null;
        while (!closed) {
            List<Job> batch = new ArrayList<>();
            int n = 0;
            try {
                Job first = carry != null ? carry : queue.take();
                carry = null;
                batch.add(first);
                n = first.faces().size();
                long deadline = System.nanoTime() + waitNanos;
                while (n < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Job next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (n + next.faces().size() > maxBatch) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    n += next.faces().size();
                }
            } catch (InterruptedException e) {
                fail(batch, "the server is shutting down");
                if (carry != null) {
                    fail(List.of(carry), "the server is shutting down");
                }
                break;
            }
            run(batch, n);
        }
    }

    private void run(List<Job> batch, int n) {
        int size = padded(n);
        List<FaceInput> all = new ArrayList<>(size);
        for (Job j : batch) {
            all.addAll(j.faces());
        }
        while (all.size() < size) {
            all.add(all.get(0));
        }
        try {
            metrics.batch(n);
            List<Predictor.Result> results = predictor.predictEach(all);
            int at = 0;
            for (Job j : batch) {
                int k = j.faces().size();
                j.done().complete(List.copyOf(results.subList(at, at + k)));
                at += k;
            }
        } catch (RuntimeException | Error e) {
            for (Job j : batch) {
                j.done().completeExceptionally(e);
            }
        } finally {
            room.release(n);
            waiting.addAndGet(-n);
        }
    }

    private void fail(List<Job> jobs, String why) {
        for (Job j : jobs) {
            j.done().completeExceptionally(new ApiException(503, "shutting_down", why, 1));
            room.release(j.faces().size());
            waiting.addAndGet(-j.faces().size());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, "the server is shutting down");
    }
}
