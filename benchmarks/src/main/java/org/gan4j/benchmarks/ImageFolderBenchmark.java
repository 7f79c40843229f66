package org.gan4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.gan4j.Shape;
import org.gan4j.data.ColouredShapes;
import org.gan4j.data.GanDataSource;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.SampleCursor;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.zoo.Dcgan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Decode throughput of ImageFolder (building its cache from PNG files on all cores) and the share of a DCGAN's step
 * time spent waiting for data read through the cache.
 */
@Command(name = "image-folder", mixinStandardHelpOptions = true,
        description = "ImageFolder: decode throughput (images/s into the cache) and the data-wait share of DCGAN steps.")
final class ImageFolderBenchmark implements Callable<Integer> {
    @Option(names = "--data", description = "a folder of images (default: the coloured shapes, written to a temp folder)")
    Path data;

    @Option(names = "--images", description = "coloured-shapes images to write without --data (default ${DEFAULT-VALUE})")
    int images = 4_800;

    @Option(names = "--size", description = "target side (default ${DEFAULT-VALUE})")
    int size = 32;

    @Option(names = "--steps", description = "DCGAN steps timed (default ${DEFAULT-VALUE})")
    int steps = 200;

    @Override
    public Integer call() throws Exception {
        Path folder = data;
        if (folder == null) {
            folder = Files.createTempDirectory("gan4j-shapes");
            ColouredShapes.writeFolder(folder, images, 0);
        }
        Path cache = Files.createTempDirectory("gan4j-image-cache");
        long t0 = System.nanoTime();
        ImageFolder source = ImageFolder.builder(folder).size(size).channels(3).cacheDirectory(cache).build();
        double decodeSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        ImageFolder.builder(folder).size(size).channels(3).cacheDirectory(cache).build();
        double reuseSeconds = (System.nanoTime() - t1) / 1e9;
        TimedSource timed = new TimedSource(source);
        long t2 = System.nanoTime();
        GanTrainer.builder().generator(Dcgan.generator(size, 3, 32)).discriminator(Dcgan.discriminator(size, 3, 32))
                .data(timed).batchSize(32).steps(steps).seed(0).build().fit();
        double trainSeconds = (System.nanoTime() - t2) / 1e9;
        double waitShare = timed.nanos.get() / 1e9 / trainSeconds;
        new Report("image-folder").put("images", source.count()).put("size", size).put("decode_seconds", decodeSeconds)
                .put("decode_images_per_sec", source.count() / decodeSeconds).put("reuse_seconds", reuseSeconds)
                .put("steps", steps).put("ms_per_step", trainSeconds * 1000 / steps).put("data_wait_share", waitShare)
                .print(System.out, String.format("image-folder: %d images decoded to %dx%dx3 in %.2f s (%.0f images/s, %d"
                                + " threads); cache reused in %.3f s; DCGAN %.1f ms/step, %.2f%% of it waiting for data",
                        source.count(), size, size, decodeSeconds, source.count() / decodeSeconds, Report.threads(),
                        reuseSeconds, trainSeconds * 1000 / steps, 100 * waitShare));
        return 0;
    }

    /** A source that adds up the time its cursors spend delivering samples. */
    private static final class TimedSource implements GanDataSource {
        private final GanDataSource inner;
        private final AtomicLong nanos = new AtomicLong();

        TimedSource(GanDataSource inner) {
            this.inner = inner;
        }

        @Override
        public Shape sampleShape() {
            return inner.sampleShape();
        }

        @Override
        public OptionalLong size() {
            return inner.size();
        }

        @Override
        public SampleCursor open(long seed) {
            long t = System.nanoTime();
            SampleCursor cursor = inner.open(seed);
            nanos.addAndGet(System.nanoTime() - t);
            return (destination, offset) -> {
                long t0 = System.nanoTime();
                boolean more = cursor.next(destination, offset);
                nanos.addAndGet(System.nanoTime() - t0);
                return more;
            };
        }
    }
}
