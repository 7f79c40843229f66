package org.gan4j.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.dl4j.io.AtomicFiles;

/**
 * Writes checkpoint archives atomically into a directory and keeps the newest few; temporary files left by a write
 * that was killed are removed by the next write.
 */
final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /**
     * @param directory where checkpoints go
     * @param step      the step the checkpoint holds
     * @param archive   its bytes
     * @param keep      how many of the newest checkpoints to keep
     * @return the file written
     */
    static Path write(Path directory, long step, byte[] archive, int keep) {
        removeStaleTemporaries(directory);
        Path file = Checkpoint.fileFor(directory, step);
        AtomicFiles.write(file, archive);
        List<Path> all = Checkpoint.list(directory);
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the old checkpoint " + all.get(i), e);
            }
        }
        return file;
    }

    /** Deletes the temporary files of interrupted checkpoint writes ({@code .checkpoint-*.zip*.tmp}). */
    private static void removeStaleTemporaries(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".checkpoint-") && name.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the checkpoint directory " + directory, e);
        }
    }
}
