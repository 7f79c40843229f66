package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public single-file entry to ImageFolder's decoding rule. */
class ImageFileDecoderTest {

    @Test
    void should_decode_by_the_folder_rule_into_minus_one_to_one(@TempDir Path dir) throws Exception {
        BufferedImage rgb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 2; y++) {
                rgb.setRGB(x, y, (x * 60) << 16 | (y * 100) << 8 | 30);
            }
        }
        Path file = dir.resolve("a.png");
        ImageIO.write(rgb, "png", file.toFile());
        float[] gray = ImageFileDecoder.of(Shape.of(1, 2, 4)).decode(file);
        // ITU-R 601-2 luma of pixel (x = 3, y = 1): 0.299·180 + 0.587·100 + 0.114·30, then /255·2 − 1
        assertThat(gray[4 + 3]).isCloseTo((float) ((0.299 * 180 + 0.587 * 100 + 0.114 * 30) / 255 * 2 - 1),
                org.assertj.core.api.Assertions.within(1e-6f));
        float[] colour = ImageFileDecoder.of(Shape.of(3, 2, 4)).decode(file);
        assertThat(colour[3]).isEqualTo((float) (180 / 255.0) * 2 - 1);
        assertThat(ImageFileDecoder.of(Shape.of(3, 2, 4)).shape()).isEqualTo(Shape.of(3, 2, 4));
    }

    @Test
    void should_refuse_bad_shapes_and_unreadable_files(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ImageFileDecoder.of(Shape.of(2, 8, 8)))
                .hasMessage("shape must be [1 or 3, height, width] with sides in [1, 65535] but was [2, 8, 8]");
        Path text = Files.writeString(dir.resolve("b.png"), "text");
        assertThatThrownBy(() -> ImageFileDecoder.of(Shape.of(1, 8, 8)).decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file " + text + " cannot be read as an image: ");
    }
}
