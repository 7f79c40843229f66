package org.gan4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The image files of a folder, recursively, in the order of their relative paths; names starting with '.' (hidden
 * files and folders) are passed over, files without a .png, .jpg or .jpeg extension are counted as ignored. With
 * labels, the classes are the first-level sub-folders holding images, in name order.
 *
 * @param root       the folder
 * @param files      the image files
 * @param labels     each file's class, or null without labels
 * @param classNames the classes' folder names, empty without labels
 * @param ignored    files that are not images by their extension
 */
record FolderListing(Path root, List<Path> files, int[] labels, List<String> classNames, int ignored) {

    static FolderListing of(Path root, boolean labelled) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("image folder " + root + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        int[] ignored = {0};
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root) && !hidden(root.relativize(p)) && Files.isRegularFile(p))
                    .sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()))
                    .forEach(p -> {
                        if (isImageName(p)) {
                            files.add(p);
                        } else {
                            ignored[0]++;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("image folder " + root + " holds no PNG or JPEG files (.png, .jpg, .jpeg)"
                    + (ignored[0] > 0 ? "; " + ignored[0] + " other files ignored" : ""));
        }
        if (!labelled) {
            return new FolderListing(root, List.copyOf(files), null, List.of(), ignored[0]);
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        files.stream().map(f -> root.relativize(f)).filter(r -> r.getNameCount() > 1)
                .map(r -> r.getName(0).toString()).distinct().sorted().forEach(name -> classes.put(name, classes.size()));
        int[] labels = new int[files.size()];
        for (int i = 0; i < labels.length; i++) {
            Path relative = root.relativize(files.get(i));
            if (relative.getNameCount() < 2) {
                throw new IllegalArgumentException("image " + files.get(i) + " lies directly in " + root
                        + ": with labels from sub-folders, every image must be inside a class folder");
            }
            labels[i] = classes.get(relative.getName(0).toString());
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("labels from sub-folders need at least 2 class folders but " + root
                    + " has " + classes.size() + " (" + String.join(", ", classes.keySet()) + ")");
        }
        return new FolderListing(root, List.copyOf(files), labels, List.copyOf(classes.keySet()), ignored[0]);
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }
}
