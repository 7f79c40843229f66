package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gan4j.dl4j.io.BoundedZip;
import org.gan4j.dl4j.io.NpyFormatTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted checkpoints and archives: a stored array whose header lies about its data (re-digested, as an attacker
 * would, since the manifest's digests are not keyed) and a zip bomb are refused in Java with messages naming the file
 * and entry, before any native code or large allocation sees them.
 */
@Tag("hostile")
class HostileFilesTest {

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Writes entries as a checkpoint, the manifest's digests recomputed for the new content. */
    static void writeRedigested(Map<String, byte[]> entries, Path to) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(entries.get(Checkpoint.MANIFEST));
        ObjectNode digests = manifest.putObject("digests");
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().equals(Checkpoint.MANIFEST)) {
                digests.put(e.getKey(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue())));
            }
        }
        entries.put(Checkpoint.MANIFEST, json.writeValueAsBytes(manifest));
        write(entries, to);
    }

    /** Writes entries as a zip, in their order. */
    static void write(Map<String, byte[]> entries, Path to) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    @Test
    void should_refuse_a_checkpoint_whose_array_header_declares_more_values_than_it_holds(@TempDir Path dir) throws Exception {
        CheckpointTest.smallGan(6).checkpoints(dir, 6, 1).build().fit();
        Path good = dir.resolve("checkpoint-000000006.zip");
        Map<String, byte[]> entries = entries(good);
        String victim = entries.keySet().stream().filter(n -> n.endsWith("W.npy")).findFirst().orElseThrow();
        byte[] npy = entries.get(victim);
        entries.put(victim, NpyFormatTest.withShape(npy, "(64, 64, 64)"));
        Path crafted = dir.resolve("crafted.zip");
        writeRedigested(entries, crafted);
        assertThatThrownBy(() -> Checkpoint.read(crafted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + crafted + " is corrupted or truncated: unreadable content (" + victim
                        + " is not a valid .npy array: its shape [64, 64, 64] of 4-byte values needs 1048576 data bytes but it"
                        + " holds ");
        assertThatThrownBy(() -> CheckpointTest.smallGan(6).build().resume(crafted))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_a_zip_bomb_before_inflating_it(@TempDir Path dir) throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("manifest.json"));
            out.write("{}".getBytes());
            out.closeEntry();
            out.putNextEntry(new ZipEntry("arrays/huge.npy"));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(200_000);
        assertThatThrownBy(() -> BoundedZip.read(bomb, 16L << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bomb + ": entries up to arrays/huge.npy declare 67108866 decompressed bytes, more than the limit"
                        + " of 16777216 (half the JVM's maximum heap); not read");
        assertThat(BoundedZip.read(bomb, 128L << 20).get("arrays/huge.npy")).hasSize(64 << 20);
    }

    @Test
    void should_refuse_an_entry_that_inflates_to_more_than_it_declares(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("liar.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("a"));
            out.write(new byte[1000]);
            out.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        // the central directory header ("PK\1\2") holds the uncompressed size at offset 24
        int central = indexOf(bytes, new byte[] {'P', 'K', 1, 2});
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(central + 24, 10);
        Files.write(zip, bytes);
        assertThatThrownBy(() -> BoundedZip.read(zip, 1 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(zip + ": entry a declares 10 bytes but inflates to more");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
