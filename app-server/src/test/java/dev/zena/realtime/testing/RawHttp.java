package dev.zena.realtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 client on a plain socket that writes exactly the bytes a test gives it, when it gives them: for
 * requests sent in halves, a byte at a time, or several on one kept-alive connection.
 */
public final class RawHttp implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private final Socket socket;
    private final InputStream in;
    private boolean isClosedByServer;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; nothing is sent yet. */
    public static RawHttp connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} (ISO-8859-1) at once; a write the server refused counts as the server having closed. */
    public RawHttp write(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (SocketException e) {
            isClosedByServer = true; // broken pipe or reset: the server closed this socket
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * True once the server has closed the socket (end of stream, or a reset). Waits at most {@code waitMillis} for
     * something to read; anything the server sent meanwhile is discarded.
     */
    public boolean isClosedByServer(int waitMillis) {
        if (isClosedByServer) {
            return true;
        }
        try {
            socket.setSoTimeout(waitMillis);
            isClosedByServer = in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            isClosedByServer = true; // connection reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            setTimeout(10_000);
        }
        return isClosedByServer;
    }

    /** Reads one response: the head, and a body as long as its {@code Content-Length}. Returns head and body. */
    public String readResponse() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the head: " + bytes);
                }
                bytes.write(b);
            }
            String head = bytes.toString(StandardCharsets.ISO_8859_1);
            Matcher length = CONTENT_LENGTH.matcher(head);
            byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            return head + new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            // closed meanwhile: the next read says so
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
