package dev.zena.realtime.console;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link WebSocket} that records what is sent on it and completes every send at once. */
public final class FakeWebSocket implements WebSocket {

    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile int closeCode = -1;
    private volatile boolean isOutputClosed;
    private volatile boolean isInputClosed;

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        sent.add(data.toString());
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        closeCode = statusCode;
        isOutputClosed = true;
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void request(long n) {}

    @Override
    public String getSubprotocol() {
        return "";
    }

    @Override
    public boolean isOutputClosed() {
        return isOutputClosed;
    }

    @Override
    public boolean isInputClosed() {
        return isInputClosed;
    }

    @Override
    public void abort() {
        isInputClosed = true;
        isOutputClosed = true;
    }
}
