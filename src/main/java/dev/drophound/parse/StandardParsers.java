package dev.drophound.parse;

import dev.drophound.parse.socket.ProcNetInetSocketsParser;
import dev.drophound.parse.socket.ProcNetPacketParser;
import dev.drophound.parse.socket.SockstatParser;
import dev.drophound.parse.socket.SsParser;
import java.util.List;

/** The one place parsers are registered, in the order {@code drophound formats} lists them. */
final class StandardParsers {
    private StandardParsers() {
    }

    static List<Parser> all() {
        return List.of(
                // sockets
                new ProcNetInetSocketsParser(), new ProcNetPacketParser(), new SsParser(), new SockstatParser());
    }
}
