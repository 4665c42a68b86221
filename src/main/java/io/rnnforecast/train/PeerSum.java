package io.rnnforecast.train;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The sum of one vector per peer, every peer getting the whole sum, over TCP between the peers themselves
 * (no driver, no Spark job): a reduce-scatter, where peer p receives chunk p of every other peer's vector and
 * sums them, then an all-gather of the summed chunks. Each chunk is summed in peer order 0, 1, ..., S-1 starting
 * from 0.0, in double, so the sum is bit-for-bit the one a single machine computes adding the vectors in that
 * order (what the driver of the rounds engine does) whatever the timing. Every peer sends and receives
 * 2 (S - 1) / S of the vector per sum, as a ring allreduce does, in 2 steps instead of 2 (S - 1).
 *
 * <p>Connections: peer p listens on its own port and connects to every other peer once, at construction; every
 * outgoing connection has its own sender thread, so a peer blocked writing to a slow reader never stops the
 * others (a single sender could deadlock with full socket buffers). Reads poll {@code cancelled} once a second:
 * a killed Spark task must not wait forever on a peer that died. Spark-free.
 */
public final class PeerSum implements AutoCloseable {
    private static final int POLL_MILLIS = 1000;
    private final int self;
    private final int peers;
    private final Socket[] out;
    private final DataOutputStream[] writers;
    private final InputStream[] readers;
    private final ExecutorService senders;
    private final BooleanSupplier cancelled;
    private final long timeoutMillis;

    /** Opens the server socket a peer listens on (port 0: any free port); its port goes to the rendezvous. */
    public static ServerSocket listen(String host) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(host, 0));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host, e);
        }
    }

    /**
     * Connects peer {@code self} to every other peer of {@code addresses} ("host:port", index = peer) and accepts
     * their connections on {@code server}. {@code timeoutMillis}: how long a read waits for a peer before failing.
     */
    public PeerSum(int self, List<String> addresses, ServerSocket server, BooleanSupplier cancelled,
                   long timeoutMillis) {
        this.self = self;
        this.peers = addresses.size();
        this.cancelled = cancelled;
        this.timeoutMillis = timeoutMillis;
        this.out = new Socket[peers];
        this.writers = new DataOutputStream[peers];
        this.readers = new InputStream[peers];
        this.senders = Executors.newFixedThreadPool(Math.max(1, peers - 1), r -> {
            Thread t = new Thread(r, "peer-sum-sender-" + self);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int p = 0; p < peers; p++) {
                if (p == self) {
                    continue;
                }
                String[] hostPort = addresses.get(p).split(":");
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), (int) timeoutMillis);
                out[p] = s;
                writers[p] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
                writers[p].writeInt(self);
                writers[p].flush();
            }
            server.setSoTimeout(POLL_MILLIS);
            long deadline = System.currentTimeMillis() + timeoutMillis;
            for (int accepted = 0; accepted < peers - 1; ) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(POLL_MILLIS);
                    InputStream in = s.getInputStream();
                    int from = new DataInputStream(in).readInt();
                    readers[from] = in;
                    accepted++;
                } catch (SocketTimeoutException e) {
                    checkWaiting(deadline, "peers to connect");
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("peer " + self + " could not connect to its peers " + addresses, e);
        }
    }

    /** The element-wise sum over all peers of their {@code local} vectors (same length on every peer). */
    public double[] sum(double[] local) {
        int n = local.length;
        try {
            // reduce-scatter: chunk p of my vector goes to peer p; I sum chunk self over the peers in order
            Future<?>[] sent = new Future<?>[peers];
            for (int p = 0; p < peers; p++) {
                if (p != self) {
                    int peer = p;
                    sent[p] = senders.submit(() -> write(peer, local, from(peer, n), from(peer + 1, n)));
                }
            }
            int lo = from(self, n);
            int hi = from(self + 1, n);
            double[] mine = new double[hi - lo];
            double[] piece = new double[hi - lo];
            for (int p = 0; p < peers; p++) {
                double[] part;
                if (p == self) {
                    System.arraycopy(local, lo, piece, 0, piece.length);
                    part = piece;
                } else {
                    part = read(p, piece);
                }
                for (int i = 0; i < mine.length; i++) {
                    mine[i] += part[i];
                }
            }
            await(sent);
            // all-gather: my summed chunk to everyone, theirs into the result
            double[] total = new double[n];
            System.arraycopy(mine, 0, total, lo, mine.length);
            for (int p = 0; p < peers; p++) {
                if (p != self) {
                    int peer = p;
                    sent[p] = senders.submit(() -> write(peer, mine, 0, mine.length));
                }
            }
            for (int p = 0; p < peers; p++) {
                if (p != self) {
                    int plo = from(p, n);
                    double[] chunk = read(p, new double[from(p + 1, n) - plo]);
                    System.arraycopy(chunk, 0, total, plo, chunk.length);
                }
            }
            await(sent);
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("peer " + self + ": summing with its peers failed", e);
        }
    }

    /** Start of chunk {@code p} of a vector of length n split into {@code peers} near-equal chunks. */
    private int from(int p, int n) {
        return (int) ((long) n * p / peers);
    }

    private Void write(int peer, double[] values, int lo, int hi) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((hi - lo) * Double.BYTES);
        bytes.asDoubleBuffer().put(values, lo, hi - lo);
        writers[peer].write(bytes.array());
        writers[peer].flush();
        return null;
    }

    private double[] read(int peer, double[] into) throws IOException {
        byte[] bytes = new byte[into.length * Double.BYTES];
        InputStream in = readers[peer];
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int at = 0;
        while (at < bytes.length) {
            try {
                int got = in.read(bytes, at, bytes.length - at);
                if (got < 0) {
                    throw new IOException("peer " + peer + " closed its connection");
                }
                at += got;
            } catch (SocketTimeoutException e) {
                checkWaiting(deadline, "peer " + peer);
            }
        }
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(into);
        return into;
    }

    private void checkWaiting(long deadline, String what) throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new IOException("peer " + self + " cancelled while waiting for " + what);
        }
        if (System.currentTimeMillis() > deadline) {
            throw new IOException("peer " + self + " waited " + timeoutMillis + " ms for " + what);
        }
    }

    private static void await(Future<?>[] sent) throws IOException {
        for (Future<?> f : sent) {
            if (f == null) {
                continue;
            }
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("sending to a peer failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        for (Socket s : out) {
            closeQuietly(s);
        }
        for (InputStream in : readers) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing a connection whose peer is gone
                }
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a connection whose peer is gone
            }
        }
    }
}
