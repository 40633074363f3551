package dev.buildredis.persistence.aof;

import dev.buildredis.persistence.rdb.Durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Redis 7's list of the files that make up the append-only file, one line per file, in the order to load them:
 * <pre>
 * appendonlydir/appendonly.aof.manifest
 *     file appendonly.aof.2.base.rdb seq 2 type b      the base: the whole data set at a rewrite (RDB or commands)
 *     file appendonly.aof.2.incr.aof seq 2 type i      the commands since then, in order of seq
 *     file appendonly.aof.3.incr.aof seq 3 type i
 * </pre>
 * A rewrite makes a new base and starts a new incremental file; the manifest says which files count. It is never
 * changed in place: a new one is written beside it, fsynced, renamed over it, and the directory fsynced, so that a
 * crash leaves either the old list or the new one, never half of each ({@link #save}).
 *
 * @param files the files, base first (if any), then the incremental files by ascending seq
 */
public record AofManifest(List<Entry> files) {

    /** The manifest's file name for an {@code appendfilename}. */
    public static String name(String appendFileName) {
        return appendFileName + ".manifest";
    }

    /**
     * One line of the manifest.
     *
     * @param name the file's name inside the directory
     * @param seq  its sequence number: bases and incremental files are numbered apart
     * @param type {@code b} base, {@code i} incremental, {@code h} history (replaced, to be deleted)
     */
    public record Entry(String name, long seq, char type) {
        String line() {
            return "file " + name + " seq " + seq + " type " + type + "\n";
        }
    }

    public Optional<Entry> base() {
        return files.stream().filter(e -> e.type() == 'b').findFirst();
    }

    public List<Entry> incrementals() {
        return files.stream().filter(e -> e.type() == 'i').toList();
    }

    /** The highest incremental seq, 0 if none. */
    public long lastIncrSeq() {
        return incrementals().stream().mapToLong(Entry::seq).max().orElse(0);
    }

    /** The base's seq, 0 if none. */
    public long baseSeq() {
        return base().map(Entry::seq).orElse(0L);
    }

    /** This manifest with one more incremental file at the end. */
    public AofManifest withIncremental(Entry incr) {
        List<Entry> more = new ArrayList<>(files);
        more.add(incr);
        return new AofManifest(List.copyOf(more));
    }

    /** The text of the manifest, base first, then incremental files by seq, as Redis writes it. */
    public String text() {
        StringBuilder text = new StringBuilder();
        base().ifPresent(b -> text.append(b.line()));
        incrementals().forEach(i -> text.append(i.line()));
        return text.toString();
    }

    /**
     * Reads a manifest written by this server or by Redis 7. Lines starting with {@code #} are comments; a key
     * Redis might add later is skipped, as Redis skips keys it does not know.
     *
     * @throws IOException with the line number if a line is not a manifest line
     */
    public static AofManifest parse(String text) throws IOException {
        List<Entry> files = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split(" ");
            String name = null;
            long seq = -1;
            char type = 0;
            for (int i = 0; i + 1 < words.length; i += 2) {
                switch (words[i]) {
                    case "file" -> name = words[i + 1];
                    case "seq" -> seq = parseSeq(words[i + 1], n + 1);
                    case "type" -> type = words[i + 1].length() == 1 ? words[i + 1].charAt(0) : 0;
                    default -> { } // a newer key: ignored, as Redis does
                }
            }
            if (words.length % 2 != 0 || name == null || seq < 0 || "bhi".indexOf(type) < 0 || type == 0) {
                throw new IOException("Invalid AOF manifest file format, line " + (n + 1) + ": '" + line + "'");
            }
            if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IOException("Invalid AOF manifest file format, line " + (n + 1)
                        + ": File can't be a path, just a filename");
            }
            if (type != 'h') {
                files.add(new Entry(name, seq, type));
            }
        }
        if (files.stream().filter(e -> e.type() == 'b').count() > 1) {
            throw new IOException("Found duplicate base file information in the AOF manifest");
        }
        List<Entry> ordered = new ArrayList<>();
        files.stream().filter(e -> e.type() == 'b').forEach(ordered::add);
        files.stream().filter(e -> e.type() == 'i').sorted((a, b) -> Long.compare(a.seq(), b.seq()))
                .forEach(ordered::add);
        return new AofManifest(List.copyOf(ordered));
    }

    private static long parseSeq(String word, int line) throws IOException {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new IOException("Invalid AOF manifest file format, line " + line + ": bad seq '" + word + "'");
        }
    }

    /** Reads {@code dir/name}, or empty if there is no such file. */
    public static Optional<AofManifest> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    // tag::atomic-switch[]
    /** Replaces {@code file} with this manifest atomically: write a temporary file, fsync, rename, fsync the dir. */
    public void save(Path file) throws IOException {
        Path temp = file.resolveSibling("temp-" + file.getFileName());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Durable.replace(temp, file);
    }
    // end::atomic-switch[]
}
