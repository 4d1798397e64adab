package io.mortar.crawler;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.crawler.format.AvroSchemaReader;
import io.mortar.crawler.format.CsvSettings;
import io.mortar.crawler.format.OrcSchemaReader;
import io.mortar.crawler.format.ParquetSchemaReader;
import io.mortar.crawler.format.TextFormats.TextMatch;
import io.mortar.crawler.format.TextFormats;
import io.mortar.crawler.format.TextSample;
import io.mortar.crawler.grok.GrokPattern;
import io.mortar.crawler.io.Compression;
import io.mortar.crawler.io.DecompressingStreams;
import io.mortar.crawler.schema.Column;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Classifies one file the way Glue's crawler does, reading as little as it can: columnar files (Avro, ORC,
 * Parquet, recognised by their magic bytes) from their header or footer; text files (after undoing gzip, bzip2,
 * zstd, LZ4 or snappy) from a bounded head — custom classifiers first, then JSON, XML, the Apache log formats and
 * CSV. Any failure to read or parse a file becomes an {@code UNKNOWN} result saying why, never an exception that
 * would end a crawl.
 *
 * <p>Custom classifiers only see text files: none of Glue's custom kinds (Grok, XML, JSON, CSV) can describe a
 * columnar file, so those go straight to their readers.
 */
public final class FileClassifier {
    private static final GrokPattern COMBINED_APACHE = GrokPattern.compile("%{COMBINEDAPACHELOG}", null);
    private static final GrokPattern APACHE = GrokPattern.compile("%{COMMONAPACHELOG}", null);

    private final Configuration conf;
    private final ClassifierOptions options;
    private final CustomClassifiers customClassifiers;
    private final TextFormats formats;

    public FileClassifier(Configuration conf, ClassifierOptions options, CustomClassifiers customClassifiers) {
        this.conf = requireNonNull(conf, "conf");
        this.options = requireNonNull(options, "options");
        this.customClassifiers = requireNonNull(customClassifiers, "customClassifiers");
        this.formats = new TextFormats(options);
    }

    public FileClassification classify(FileSystem fs, Path path) {
        AtomicLong bytesRead = new AtomicLong();
        long length = -1;
        try {
            FileStatus status = fs.getFileStatus(path);
            length = status.getLen();
            if (status.isDirectory()) {
                return FileClassification.unknown(Compression.NONE, 0, 0, "a directory, not a file");
            }
            if (length == 0) {
                return FileClassification.unknown(Compression.NONE, 0, 0, "empty file");
            }
            FileSystem counting = new CountingFileSystem(fs, bytesRead);
            // one stream serves both the magic-number check and, for text, the sample: no byte is read twice
            // (a pushback, not a buffer: a columnar file's bytes beyond the magic must not be read here)
            try (PushbackInputStream in = new PushbackInputStream(counting.open(path), 4)) {
                byte[] head = in.readNBytes(4);
                in.unread(head);
                if (startsWith(head, new byte[] {'O', 'b', 'j', 1})) {
                    return avro(in, length, bytesRead);
                }
                if (startsWith(head, new byte[] {'O', 'R', 'C'})) {
                    return orc(counting, path, length, bytesRead);
                }
                if (startsWith(head, new byte[] {'P', 'A', 'R', '1'})) {
                    return parquet(counting, path, length, bytesRead);
                }
                return text(in, path, length, bytesRead);
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            return FileClassification.unknown(Compression.NONE, Math.max(length, 0), bytesRead.get(),
                    "unreadable: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private FileClassification parquet(FileSystem counting, Path path, long length, AtomicLong bytesRead)
            throws IOException {
        ParquetSchemaReader.Result r = new ParquetSchemaReader().read(counting, path, length);
        return columnar("parquet", r.columns(), StorageFormat.PARQUET, Map.of(), length, r.rows(), bytesRead);
    }

    private FileClassification orc(FileSystem counting, Path path, long length, AtomicLong bytesRead)
            throws IOException {
        OrcSchemaReader.Result r = new OrcSchemaReader().read(counting, path, length, conf);
        return columnar("orc", r.columns(), StorageFormat.ORC, Map.of(), length, r.rows(), bytesRead);
    }

    private FileClassification avro(InputStream in, long length, AtomicLong bytesRead) throws IOException {
        AvroSchemaReader.Result r = new AvroSchemaReader().read(in);
        String literal = r.schema().toString();
        // the first block's count scaled by its share of the file; exact for single-block files
        long estimate = r.firstBlockRecords();
        if (bytesRead.get() > 0 && bytesRead.get() < length && estimate > 0) {
            estimate = Math.round((double) r.firstBlockRecords() * length / bytesRead.get());
        }
        return columnar("avro", r.columns(), StorageFormat.avro(literal), Map.of("avro.schema.literal", literal),
                length, estimate, bytesRead);
    }

    private FileClassification columnar(String classification, List<Column> columns,
                                        StorageFormat format, Map<String, String> extra, long length, long rows,
                                        AtomicLong bytesRead) {
        Map<String, String> params = new HashMap<>(extra);
        params.put("classification", classification);
        params.put("compressionType", Compression.NONE.glueName());
        params.put("typeOfData", "file");
        return new FileClassification(classification, Compression.NONE, columns, format, params, length, rows,
                bytesRead.get(), Optional.empty());
    }

    private FileClassification text(InputStream raw, Path path, long length, AtomicLong bytesRead)
            throws IOException {
        DecompressingStreams.Opened opened = DecompressingStreams.open(raw, path.getName());
        Compression compression = opened.compression();
        try {
            TextSample sample = new TextSample(opened.stream(), options.sampleBytes());
            if (sample.size() == 0) {
                return FileClassification.unknown(compression, length, bytesRead.get(), "no content");
            }
            if (sample.looksBinary()) {
                return FileClassification.unknown(compression, length, bytesRead.get(),
                        "binary content of no known format");
            }
            Optional<TextMatch> match = classifyText(sample);
            if (match.isEmpty()) {
                return FileClassification.unknown(compression, length, bytesRead.get(),
                        "no classifier recognised the content");
            }
            return textResult(match.get(), compression, sample, length, bytesRead.get());
        } catch (UncheckedIOException e) {
            // the first megabyte, or a JSON sample extended past it, met a corrupt stretch of a compressed file
            return FileClassification.unknown(compression, length, bytesRead.get(),
                    "cannot decompress as " + compression.glueName() + ": " + describe(e.getCause()));
        }
    }

    private Optional<TextMatch> classifyText(TextSample sample) {
        CustomClassifiers.Outcome custom = customClassifiers.classify(sample, formats);
        if (custom.certain()) {
            return custom.match();
        }
        Optional<TextMatch> builtIn = formats.json(sample, null)
                .or(() -> formats.xml(sample, null, "xml"))
                .or(() -> fullGrok(sample, COMBINED_APACHE, "combined_apache", "%{COMBINEDAPACHELOG}"))
                .or(() -> fullGrok(sample, APACHE, "apache", "%{COMMONAPACHELOG}"))
                .or(() -> formats.csv(sample, CsvSettings.builtIn(), null));
        return builtIn.or(custom::match);
    }

    private Optional<TextMatch> fullGrok(TextSample sample, GrokPattern pattern, String classification, String text) {
        TextFormats.GrokOutcome outcome = formats.grok(sample, pattern, classification, text, null);
        return outcome.certainty() >= 1.0 ? outcome.match() : Optional.empty();
    }

    private FileClassification textResult(TextMatch match, Compression compression, TextSample sample, long length,
                                          long bytesRead) {
        Map<String, String> params = new HashMap<>(match.parameters());
        params.put("compressionType", compression.glueName());
        params.put("typeOfData", "file");
        long records = estimateRecords(match, sample, length, bytesRead);
        return new FileClassification(match.classification(), compression, match.columns(), match.storageFormat(),
                params, length, records, bytesRead, Optional.empty());
    }

    /**
     * Exact when the sample held the whole file (by counting lines for line formats); otherwise the sample's
     * records (or lines) per decompressed byte, times the decompressed bytes per stored byte read, times the
     * file's size.
     */
    long estimateRecords(TextMatch match, TextSample sample, long length, long bytesRead) {
        int records = match.sampleRecords();
        if (records == 0) {
            return 0;
        }
        if (!sample.truncated() && (!match.linePerRecord() || records < options.sampleRecords())) {
            return records;
        }
        byte[] bytes = sample.bytes();
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        if (match.linePerRecord() && !sample.truncated()) {
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                lines++;
            }
            return Math.max(records, lines - match.headerLines());
        }
        double unitsPerByte = match.linePerRecord() && lines > 0
                ? (double) lines / bytes.length
                : (double) records / bytes.length;
        double expansion = bytesRead > 0 ? (double) bytes.length / bytesRead : 1.0;
        return Math.max(records, Math.round(unitsPerByte * expansion * length) - match.headerLines());
    }
}
