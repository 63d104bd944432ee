package dev.drophound.facts;

import java.util.Objects;

/**
 * A file in a hugetlbfs mount ({@code ls -l /dev/hugepages}, {@code ls -lR}, {@code du -a}, {@code find -ls}):
 * DPDK's {@code rtemap_N} / {@code <prefix>map_N} files hold hugepages for as long as they exist, also after the
 * process that made them is gone.
 *
 * @param directory the directory listed (from the {@code ls -lR} header or the command), else null
 * @param bytes     the file's size in bytes as listed
 */
public record HugetlbfsFile(String directory, String name, long bytes, Span span) implements Fact {

    public HugetlbfsFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }
}
