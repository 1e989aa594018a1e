package dev.zena.realtime.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One selector thread of the {@link NioTransport} and the connections it owns. */
final class NioLoop {

    /** Larger than any frame the scenarios receive; a bigger frame closes that connection. */
    static final int READ_BUFFER = 256 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private volatile boolean isRunning = true;
    private int seed = (int) System.nanoTime() | 1;

    NioLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    void shutdown() {
        isRunning = false;
        selector.wakeup();
    }

    /** A fresh mask key per frame (xorshift: cheap, and masking needs no secrecy from our own server). */
    int nextMask() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    void open(InetSocketAddress target, InetSocketAddress source, String path, LinkListener listener) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                channel.bind(source);
            }
            NioLink link = new NioLink(this, channel, target, path, listener);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, link);
            link.attach(key);
            if (channel.connect(target)) {
                link.onConnectable();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            listener.closed(null, -1, "connect failed: " + e);
        }
    }

    private void run() {
        try {
            while (isRunning) {
                selector.select(100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ((NioLink) key.attachment()).onReady(key);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the loop ends with the generator
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((NioLink) key.attachment()).abort();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
