package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.parse.Parser;
import dev.drophound.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text file under testdata/fixtures and testdata/captured: this package's parsers claim (content score
 * 50 or more, name score 80 or more) exactly the files named after their format, and no other file.
 */
class ProtoRoutingTest {

    private final List<Parser> parsers = List.of(new ProcNetSnmpParser(), new ProcNetNetstatParser(),
            new ProcNetSnmp6Parser(), new NetstatStatisticsParser(), new NstatParser());

    /** The parser id a file name says, or null when it is none of ours. */
    private static String expected(String fileName) {
        if (fileName.startsWith("proc-net-snmp6")) {
            return ProcNetSnmp6Parser.ID;
        }
        if (fileName.startsWith("proc-net-snmp")) {
            return ProcNetSnmpParser.ID;
        }
        if (fileName.startsWith("proc-net-netstat")) {
            return ProcNetNetstatParser.ID;
        }
        if (fileName.matches("netstat-s[a-z6]*[.-].*") && !fileName.equals("netstat-sx.txt")) {
            return NetstatStatisticsParser.ID; // netstat-sx.txt is only a message: content says nothing
        }
        if (fileName.startsWith("nstat")) {
            return NstatParser.ID;
        }
        return null;
    }

    @Test
    void eachFileGoesToItsParserOnly() throws IOException {
        List<String> wrong = new ArrayList<>();
        int ours = 0;
        for (Path file : textFiles()) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                continue; // binary
            }
            Block block = Block.ofText(file.getFileName().toString(), text);
            String want = expected(file.getFileName().toString());
            ours += want != null ? 1 : 0;
            String wantByName = file.getFileName().toString().equals("netstat-sx.txt") ? NetstatStatisticsParser.ID : want;
            for (Parser p : parsers) {
                int score = p.contentScore(block);
                if (p.id().equals(want) != score >= 50) {
                    wrong.add(TestData.root().relativize(file) + ": " + p.id() + " content " + score);
                }
                int name = p.nameScore(block.name());
                if (p.id().equals(wantByName) != name >= 80) {
                    wrong.add(TestData.root().relativize(file) + ": " + p.id() + " name " + name);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ours).isGreaterThanOrEqualTo(60);
    }

    private static List<Path> textFiles() {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("fixtures", "captured")) {
            try (Stream<Path> s = Files.walk(TestData.root().resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md"))
                        .filter(p -> p.toFile().length() < 4_000_000).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
