package dev.zena.realtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** Writes JSON responses (the one content type of the API). */
public final class Json {

    private Json() {}

    /** Answers with a status and a JSON body. */
    public static void write(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
