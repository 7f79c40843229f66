package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageFolder over generated folders: solid-colour PNG (gray, RGB, RGBA) and JPEG files of mixed sizes in nested class
 * folders, so that the expected sample of each file is known without decoding it; bad folders refused with messages
 * naming the file; the cache reused, renewed and checked.
 */
class ImageFolderTest {
    @TempDir
    Path root;
    @TempDir
    Path cache;

    static void png(Path file, int width, int height, int type, int argb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    // the raster: setRGB would store sRGB gray as linear gray
                    image.getRaster().setSample(x, y, 0, argb & 0xff);
                } else {
                    image.setRGB(x, y, argb);
                }
            }
        }
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }

    static List<float[]> pass(ImageFolder folder, long seed, List<Integer> labels) {
        List<float[]> samples = new ArrayList<>();
        SampleCursor cursor = folder.open(seed);
        int size = Math.toIntExact(folder.sampleShape().size());
        float[] buffer = new float[size];
        while (cursor.next(buffer, 0)) {
            samples.add(buffer.clone());
            if (labels != null) {
                labels.add(cursor.label());
            }
        }
        return samples;
    }

    @Test
    void labelled_folder_should_give_each_file_its_colour_and_class() throws IOException {
        // class = folder; colour encodes (class, file) so every sample can be traced to its file
        Map<Integer, int[]> colours = new HashMap<>();
        png(root.resolve("a-cats/one.png"), 40, 30, BufferedImage.TYPE_INT_RGB, 0xff204060);
        png(root.resolve("a-cats/deeper/two.png"), 17, 17, BufferedImage.TYPE_BYTE_GRAY, 0xff808080);
        png(root.resolve("b-dogs/three.png"), 64, 20, BufferedImage.TYPE_INT_ARGB, 0x80ff0000);
        png(root.resolve("b-dogs/four.jpg"), 24, 24, BufferedImage.TYPE_INT_RGB, 0xff00ff00);
        Files.writeString(root.resolve("b-dogs/notes.txt"), "not an image");
        png(root.resolve(".hidden/five.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xffffffff);

        ImageFolder folder = ImageFolder.builder(root).size(8).channels(3).labelsFromSubfolders().cacheDirectory(cache)
                .build();

        assertThat(folder.count()).isEqualTo(4);
        assertThat(folder.sampleShape()).isEqualTo(Shape.of(3, 8, 8));
        assertThat(folder.classes()).isEqualTo(2);
        assertThat(folder.classNames()).containsExactly("a-cats", "b-dogs");
        assertThat(folder.ignored()).isEqualTo(1);
        assertThat(folder.skipped()).isEmpty();
        List<Integer> labels = new ArrayList<>();
        List<float[]> samples = pass(folder, 3, labels);
        assertThat(samples).hasSize(4);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            float[] s = samples.get(i);
            for (float v : s) {
                assertThat(v).isBetween(-1f, 1f);
            }
            float[] rgb = {s[0], s[64], s[128]};
            String colour = describe(rgb);
            seen.put(colour, labels.get(i));
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 64; p++) {
                    assertThat(s[c * 64 + p]).as("solid colour %s", colour).isEqualTo(rgb[c]);
                }
            }
        }
        // RGB 20,40,60; gray 128; red at alpha 128/255 over white; JPEG green (lossy: within 3 levels)
        assertThat(seen).hasSize(4);
        assertClass(seen, new int[] {0x20, 0x40, 0x60}, 0, 0);
        assertClass(seen, new int[] {0x80, 0x80, 0x80}, 0, 0);
        double a = 128 / 255.0;
        assertClass(seen, new int[] {255, (int) Math.round((1 - a) * 255), (int) Math.round((1 - a) * 255)}, 1, 1);
        assertClass(seen, new int[] {0, 255, 0}, 1, 3);
    }

    private static String describe(float[] rgb) {
        return Arrays.toString(new long[] {Math.round((rgb[0] + 1) * 127.5), Math.round((rgb[1] + 1) * 127.5),
            Math.round((rgb[2] + 1) * 127.5)});
    }

    private static void assertClass(Map<String, Integer> seen, int[] rgb, int label, int tolerance) {
        String match = seen.keySet().stream().filter(k -> {
            long[] v = Arrays.stream(k.substring(1, k.length() - 1).split(", ")).mapToLong(Long::parseLong).toArray();
            return Math.abs(v[0] - rgb[0]) <= tolerance && Math.abs(v[1] - rgb[1]) <= tolerance
                    && Math.abs(v[2] - rgb[2]) <= tolerance;
        }).findFirst().orElseThrow(() -> new AssertionError("no sample of colour " + Arrays.toString(rgb) + " in " + seen));
        assertThat(seen.get(match)).as("class of colour %s", Arrays.toString(rgb)).isEqualTo(label);
    }

    @Test
    void gray_target_should_use_luma_and_passes_should_be_seeded_permutations() throws IOException {
        for (int i = 0; i < 6; i++) {
            png(root.resolve("img" + i + ".png"), 10 + i, 12, BufferedImage.TYPE_INT_RGB, 0xff000000 | (i * 40) << 16);
        }
        ImageFolder folder = ImageFolder.builder(root).size(4, 6).channels(1).cacheDirectory(cache).build();
        assertThat(folder.sampleShape()).isEqualTo(Shape.of(1, 4, 6));
        List<float[]> first = pass(folder, 1, null);
        List<float[]> again = pass(folder, 1, null);
        List<float[]> other = pass(folder, 2, null);
        assertThat(first).usingElementComparator(Arrays::compare).containsExactlyElementsOf(again);
        assertThat(other).usingElementComparator(Arrays::compare).containsExactlyInAnyOrderElementsOf(first)
                .isNotEqualTo(first);
        List<Double> values = first.stream().map(s -> (double) Math.round((s[0] + 1) * 127.5)).sorted().toList();
        for (int i = 0; i < 6; i++) {
            assertThat(values.get(i)).isCloseTo(Math.round(i * 40 * 0.299), within(0.0));
        }
        assertThatThrownBy(() -> folder.open(0).label()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("this image folder is read without labels");
    }

    @Test
    void sixteen_bit_gray_and_palette_pngs_should_read_at_their_values() throws IOException {
        BufferedImage gray16 = new BufferedImage(6, 6, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                gray16.getRaster().setSample(x, y, 0, 200 * 257);
            }
        }
        ImageIO.write(gray16, "png", root.resolve("a-gray16.png").toFile());
        png(root.resolve("b-palette.png"), 6, 6, BufferedImage.TYPE_BYTE_INDEXED, 0xffff0000);
        ImageFolder folder = ImageFolder.builder(root).size(3).channels(3).cacheDirectory(cache).build();
        List<String> colours = pass(folder, 0, null).stream().map(s -> describe(new float[] {s[0], s[9], s[18]})).toList();
        assertThat(colours).containsExactlyInAnyOrder("[200, 200, 200]", "[255, 0, 0]");
        assertThatThrownBy(() -> ImageFolder.builder(root).background(0, 256, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("background components must be in [0, 255] but were 0, 256, 0");
        assertThatThrownBy(() -> ImageFolder.builder(root).decodeThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decodeThreads must be >= 1 but was 0");
    }

    @Test
    void unreadable_files_should_be_skipped_with_a_reason_or_refused_by_name() throws IOException {
        png(root.resolve("good.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff112233);
        Files.writeString(root.resolve("text.png"), "this is not a PNG");
        byte[] jpeg = jpegBytes();
        Files.write(root.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length * 4 / 5));
        Files.write(root.resolve("headers-only.jpg"), Arrays.copyOf(jpeg, 200));

        ImageFolder folder = ImageFolder.builder(root).size(8).channels(3).cacheDirectory(cache).build();
        assertThat(folder.count()).isEqualTo(1);
        assertThat(folder.skipped()).containsExactlyInAnyOrder(
                root.resolve("text.png") + ": not an image format ImageIO reads",
                root.resolve("truncated.jpg") + ": damaged JPEG data (Truncated File - Missing EOI marker)",
                root.resolve("headers-only.jpg") + ": unreadable image data (Invalid JPEG file structure: missing SOS marker)");

        assertThatThrownBy(() -> ImageFolder.builder(root).size(8).channels(3).strict().cacheDirectory(cache.resolve("s"))
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image " + root.resolve("headers-only.jpg") + " cannot be read: unreadable image data (Invalid"
                        + " JPEG file structure: missing SOS marker)");
        assertThat(cache.resolve("s")).isEmptyDirectory();
    }

    private static byte[] jpegBytes() throws IOException {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void bad_folders_should_be_refused_with_clear_messages() throws IOException {
        assertThatThrownBy(() -> ImageFolder.builder(root).size(8).channels(3).cacheDirectory(cache).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image folder " + root + " holds no PNG or JPEG files (.png, .jpg, .jpeg)");
        assertThatThrownBy(() -> ImageFolder.builder(root).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("image folder " + root + " is missing size, channels");
        assertThatThrownBy(() -> ImageFolder.builder(root.resolve("absent")).size(8).channels(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image folder " + root.resolve("absent")
                        + " is not a directory");
        assertThatThrownBy(() -> ImageFolder.builder(root).channels(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channels must be 1 (gray) or 3 (RGB) but was 4");
        assertThatThrownBy(() -> ImageFolder.builder(root).size(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("height must be in [1, 4096] pixels but was 0");

        png(root.resolve("only/a.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff000000);
        assertThatThrownBy(() -> ImageFolder.builder(root).size(8).channels(3).labelsFromSubfolders().cacheDirectory(cache)
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels from sub-folders need at least 2 class folders but " + root + " has 1 (only)");
        png(root.resolve("loose.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff000000);
        png(root.resolve("other/b.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff000000);
        assertThatThrownBy(() -> ImageFolder.builder(root).size(8).channels(3).labelsFromSubfolders().cacheDirectory(cache)
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image " + root.resolve("loose.png") + " lies directly in " + root
                        + ": with labels from sub-folders, every image must be inside a class folder");
        Files.writeString(root.resolve("other/c.png"), "junk");
        Files.delete(root.resolve("loose.png"));
        Files.delete(root.resolve("only/a.png"));
        Files.delete(root.resolve("other/b.png"));
        assertThatThrownBy(() -> ImageFolder.builder(root).size(8).channels(3).cacheDirectory(cache).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("image folder " + root + " holds no readable image: 1 unreadable, the first "
                        + root.resolve("other/c.png"));
    }

    @Test
    void cache_should_be_reused_renewed_and_checked() throws IOException {
        png(root.resolve("a.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff102030);
        ImageFolder first = ImageFolder.builder(root).size(4).channels(3).cacheDirectory(cache).build();
        long written = Files.getLastModifiedTime(first.cacheFile()).toMillis();
        ImageFolder again = ImageFolder.builder(root).size(4).channels(3).cacheDirectory(cache).build();
        assertThat(again.cacheFile()).isEqualTo(first.cacheFile());
        assertThat(Files.getLastModifiedTime(again.cacheFile()).toMillis()).isEqualTo(written);
        assertThat(ImageFolder.builder(root).size(4).channels(1).cacheDirectory(cache).build().cacheFile())
                .as("another rule, another cache").isNotEqualTo(first.cacheFile());

        png(root.resolve("b.png"), 8, 8, BufferedImage.TYPE_INT_RGB, 0xff405060);
        ImageFolder grown = ImageFolder.builder(root).size(4).channels(3).cacheDirectory(cache).build();
        assertThat(grown.cacheFile()).isNotEqualTo(first.cacheFile());
        assertThat(grown.count()).isEqualTo(2);

        byte[] bytes = Files.readAllBytes(grown.cacheFile());
        Files.write(grown.cacheFile(), Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> ImageFolder.builder(root).size(4).channels(3).cacheDirectory(cache).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("image cache " + grown.cacheFile() + " is damaged (its length " + (bytes.length - 3)
                        + " is not the " + bytes.length + " bytes its header implies): delete it to rebuild it");
        try (var leftovers = Files.list(cache)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
